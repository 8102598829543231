// The review of a household received by hand-over while it was already here: the version stored
// here and the incoming one side by side, one row per field that differs (the core's list and
// words, `review_conflict`), grouped as the core groups them. Each row keeps this vault's value
// unless the incoming one is chosen; saving sends the keys chosen (`merge_handover`), and the
// core checks the merged household whole before anything is written.
//
// Stable ids: #conflict-received (who sent it and when), #conflict-fields; one
// fieldset.conflict-field[data-key] per field with input.keep-stored and input.take-incoming
// (radios) and the values in .stored-value and .incoming-value; #take-all-incoming,
// #keep-all-stored, #merge-conflict (save), #conflict-status (role=status),
// #conflict-error (role=alert).

import * as api from '../api.js';
import { h, append, iso } from '../dom.js';
import { save } from '../session.js';

/** Render the review of household `params.id` into `main`. */
export async function render(main, params, _ctx) {
  const review = await api.reviewConflict(params.id);
  const back = `#/household/${encodeURIComponent(review.household_id)}`;
  const status = h('p', { id: 'conflict-status', role: 'status' });
  const error = h('p', { id: 'conflict-error', class: 'error', role: 'alert' });
  const rows = [];
  const groups = [];
  review.fields.forEach((f, n) => {
    let group = groups.find((g) => g.name === f.group);
    if (!group) {
      group = { name: f.group, section: h('section', { class: 'conflict-group' }, h('h2', { text: f.group })) };
      groups.push(group);
    }
    const name = `conflict-field-${n}`;
    const keep = h('input', { type: 'radio', name, id: `${name}-stored`, class: 'keep-stored', value: 'stored', checked: true });
    const take = h('input', { type: 'radio', name, id: `${name}-incoming`, class: 'take-incoming', value: 'incoming' });
    const side = (input, id, title, value) =>
      h(
        'div',
        { class: 'conflict-side' },
        input,
        h(
          'label',
          { for: id },
          h('strong', { text: title }),
          h('br'),
          h('span', { class: `value ${input === keep ? 'stored-value' : 'incoming-value'}`, text: value }),
        ),
      );
    append(
      group.section,
      h(
        'fieldset',
        { class: 'conflict-field', 'data-key': f.key },
        h('legend', { text: f.label }),
        h(
          'div',
          { class: 'conflict-sides' },
          side(keep, `${name}-stored`, 'Keep: as it is here', f.stored),
          side(take, `${name}-incoming`, 'Take: the incoming version', f.incoming),
        ),
      ),
    );
    rows.push({ key: f.key, keep, take });
  });
  const fields = h(
    'div',
    { id: 'conflict-fields' },
    groups.map((g) => g.section),
  );
  if (!rows.length) append(fields, h('p', { class: 'empty', text: 'The two versions do not differ. Saving clears the incoming version.' }));

  const setAll = (incoming) => {
    for (const r of rows) (incoming ? r.take : r.keep).checked = true;
  };
  const takeAll = h('button', { type: 'button', id: 'take-all-incoming', class: 'button button-secondary', text: 'Choose every incoming value' });
  const keepAll = h('button', { type: 'button', id: 'keep-all-stored', class: 'button button-secondary', text: 'Choose every value as it is here' });
  takeAll.addEventListener('click', () => setAll(true));
  keepAll.addEventListener('click', () => setAll(false));
  const merge = h('button', { type: 'button', id: 'merge-conflict', class: 'button', text: 'Save the household with these choices' });
  merge.addEventListener('click', async () => {
    error.textContent = '';
    status.textContent = '';
    merge.disabled = true;
    const chosen = rows.filter((r) => r.take.checked).map((r) => r.key);
    try {
      await save(() => api.mergeHandover(review.household_id, chosen));
      status.textContent = `Saved: ${chosen.length} of ${rows.length} fields taken from the incoming version. The incoming version has been cleared.`;
      for (const r of rows) {
        r.keep.disabled = true;
        r.take.disabled = true;
      }
      takeAll.disabled = true;
      keepAll.disabled = true;
    } catch (err) {
      error.textContent = `Not saved: ${err.message}`;
      merge.disabled = false;
    }
  });

  append(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/households', text: 'Households' }), ' › ', h('a', { href: back, text: review.household_name })),
    h('h1', {}, 'Review the incoming version: ', iso(review.household_name)),
    h('p', { id: 'conflict-received', class: 'received-marker', text: review.received_text }),
    h('p', {
      class: 'hint',
      text: 'Nothing has been overwritten. For each difference, choose which value to keep; anything not changed stays as it is here. Children, toolkits and entries only on one side are listed whole.',
    }),
    h('div', { class: 'button-row' }, keepAll, takeAll),
    fields,
    error,
    h('div', { class: 'button-row' }, merge),
    status,
  );
}
