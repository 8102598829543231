// Priorities and targets on one item (#targets-<item>), for whom the item is rated (the
// household, or the chosen child): what needs to change (#target-change-<item>-<n>), by when
// (#target-by-<item>-<n>, a date), who helps (#target-who-<item>-<n>) and, on a target carried
// from the assessment reviewed, its progress (#target-progress-<item>-<n>) with a note
// (#target-note-<item>-<n>). #add-target-<item> adds a target; one set here can be removed
// (#remove-target-<item>-<n>). Every change saves all the assessment's targets; a target is sent
// once it says what needs to change. The progress words come from the core (view.review_text).

import { dateInput, exampleHint } from '../../components/date-input.js';
import { append, clear, field, h, today } from '../../dom.js';
import { autosave, save } from '../../session.js';
import { itemKey, patchAssessment, subjectKey } from './state.js';

/** A fresh target id: 16 random bytes as hex, like the core's ids. */
function newId() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The targets form of `item` for `subject`. */
export function targetsForm(state, item, subject) {
  const a = state.assessment;
  if (!Array.isArray(a.targets)) a.targets = [];
  const key = itemKey(item.number);
  const mine = () => a.targets.filter((t) => t.item === item.number && subjectKey(t.subject) === subjectKey(subject));
  const send = () =>
    patchAssessment(
      state,
      'targets',
      a.targets.filter((t) => (t.change || '').trim()),
    );
  const box = h('div', { class: 'target-list' });
  const draw = () => {
    clear(box);
    const list = mine();
    if (!list.length) append(box, h('p', { class: 'empty', text: 'No target is set for this yet.' }));
    list.forEach((t, n) => {
      append(box, targetFields(state, t, `${key}-${n}`, send, draw));
    });
  };
  draw();
  const add = h('button', { type: 'button', id: `add-target-${key}`, class: 'button button-secondary', text: 'Add a target', disabled: !state.editable });
  add.addEventListener('click', () => {
    a.targets.push({
      id: newId(),
      item: item.number,
      subject,
      change: '',
      by: null,
      who_helps: '',
      carried_from: null,
      progress: 'not_started',
      progress_note: '',
    });
    draw();
    const fresh = document.getElementById(`target-change-${key}-${mine().length - 1}`);
    if (fresh) fresh.focus();
  });
  return h(
    'fieldset',
    { class: 'targets', id: `targets-${key}` },
    h('legend', { text: 'Priorities and targets' }),
    h('p', { class: 'hint', text: 'What needs to change, by when, and who helps. Targets not yet achieved are carried into the next review.' }),
    box,
    add,
  );
}

/** One target's fields; `n` is its place among the item's targets in ids. */
function targetFields(state, t, n, send, redraw) {
  const disabled = !state.editable;
  const words = state.reviewText || { progress: [], carried: '' };
  const carried = Boolean(t.carried_from);
  const text = (prop, id, label, multiline) => {
    const f = field({ id, label, multiline, value: t[prop] || '', attrs: { disabled } });
    f.input.addEventListener('input', () => {
      t[prop] = f.input.value;
    });
    autosave(f.input, `targets|${t.id}|${prop}`, send);
    return f.wrap;
  };
  const by = dateInput({
    id: `target-by-${n}`,
    legend: 'By when',
    name: 'The target date',
    hint: exampleHint(today()),
    value: t.by || '',
    disabled,
    onChange: (value) => {
      t.by = value || null;
      save(send).catch(() => {});
    },
  });
  const parts = [
    carried ? h('p', { class: 'target-carried', text: words.carried }) : null,
    text('change', `target-change-${n}`, 'What needs to change', true),
    by.wrap,
    text('who_helps', `target-who-${n}`, 'Who helps', false),
  ];
  if (carried) {
    const select = h(
      'select',
      { id: `target-progress-${n}`, disabled },
      words.progress.map((p) => h('option', { value: p.progress, text: p.text, selected: p.progress === t.progress })),
    );
    select.value = t.progress || 'not_started';
    select.addEventListener('change', () => {
      t.progress = select.value;
      save(send).catch(() => {});
    });
    parts.push(
      h('div', { class: 'field' }, h('label', { for: select.id, text: 'Progress since it was set' }), select),
      text('progress_note', `target-note-${n}`, 'Progress note', true),
    );
  } else {
    const remove = h('button', { type: 'button', id: `remove-target-${n}`, class: 'button button-secondary', text: 'Remove this target', disabled });
    remove.addEventListener('click', () => {
      const all = state.assessment.targets;
      all.splice(all.indexOf(t), 1);
      redraw();
      save(send).catch(() => {});
    });
    parts.push(remove);
  }
  return h('div', { class: 'target', 'data-target-id': t.id }, parts);
}
