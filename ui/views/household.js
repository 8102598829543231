// One household: its details, carers and children (including an unborn child with the expected
// date), and its assessments, with buttons for a new assessment or a review of a completed one.
// Changes save by themselves after a pause in typing and when a field is left.
//
// Stable ids (n counts from 0 in the order shown):
//   #household-name, #household-reference, #household-address (one line per line),
//   #household-postcode, #household-language, #household-interpreter (checkbox),
//   #add-carer, #carer-name-n, #carer-relationship-n, #carer-pr-n (checkbox), #carer-phone-n,
//   #remove-carer-n,
//   #add-child, #child-name-n, #child-born-n / #child-unborn-n (radios),
//   #child-date-n (the date of birth or expected date: a fieldset with #child-date-n-day,
//   #child-date-n-month, #child-date-n-year and its message #child-date-n-error),
//   #child-gender-n, #child-setting-n, #child-needs-n, #child-language-n,
//   #child-young-carer-n (checkbox), #remove-child-n,
//   the other agencies (see ./household/agencies.js: #add-agency, #agency-agency-n, ...),
//   #save-household (button: save now), #household-error,
//   #new-assessment (button), #assessment-list; per assessment `a.open-toolkit`,
//   `a.open-summary` and `button.start-review`, each with data-assessment-id="<id>".
//   A draft has `button.discard-draft` (data-assessment-id), which opens its confirmation:
//   #discard-reason (the reason, required), #confirm-discard and #cancel-discard;
//   #assessments-status (role=status) says when a draft was discarded.
//   #open-chronology: a link to the household's timeline (#/chronology/<id>).
//   #open-history: a link to the household's History (#/household/<id>/history).
//   A household received by hand-over shows its marker under the title
//   (components/received.js: p.received-marker, a.review-conflict while a conflict waits).

import * as api from '../api.js';
import { h, append, clear, field, checkbox, longDate, today, iso } from '../dom.js';
import { dateInput, DateError, exampleHint, PAST_DATE_HINT } from '../components/date-input.js';
import { save, debounced, flushKey } from '../session.js';
import { agenciesPanel } from './household/agencies.js';
import { receivedById, receivedMarker } from '../components/received.js';
import { erasePanel } from './household/erase.js';

const SAVE_KEY = 'household';

function blankHousehold() {
  const now = new Date().toISOString();
  return {
    id: '',
    name: '',
    reference: '',
    address: { lines: [], postcode: '' },
    language: '',
    interpreter_needed: false,
    carers: [],
    children: [],
    agencies: [],
    created_at: now,
    updated_at: now,
  };
}

const blankCarer = () => ({ id: '', name: '', relationship: '', parental_responsibility: false, phone: '' });
const blankChild = () => ({
  id: '',
  name: '',
  birth: { kind: 'born', date: '' },
  gender: '',
  setting: '',
  additional_needs: '',
  language: '',
  young_carer: false,
});

class NotReady extends Error {}

/** Render one household into `main`; `params.id` is an id or "new". */
export async function render(main, params, ctx) {
  const isNew = !params.id || params.id === 'new';
  const hh = isNew ? blankHousehold() : await api.getHousehold(params.id);
  hh.address = hh.address || { lines: [], postcode: '' };
  const assessments = isNew ? [] : await api.listAssessments(hh.id);
  const erasures = isNew ? null : await api.getErasures();
  const received = isNew ? null : receivedById(await api.listReceived()).get(hh.id);

  const error = h('p', { id: 'household-error', class: 'error', role: 'alert' });
  const assessmentsSection = h('section', { class: 'panel', 'aria-labelledby': 'assessments-title' });

  // The date input of each child shown, by position (renderChildren fills it).
  let childDates = [];

  /**
   * The core refused the household (code `invalid`). When its message is about a date, show it
   * beside the date of the child it names (or of the only child), with the text typed kept.
   */
  const showRefusal = (message) => {
    error.textContent = `Not saved: ${message}`;
    if (!/date/i.test(message)) return;
    let named = hh.children.map((c, i) => (c.name.trim() && message.includes(c.name.trim()) ? i : -1)).filter((i) => i >= 0);
    if (!named.length && hh.children.length === 1) named = [0];
    for (const i of named) childDates[i]?.showError(message);
  };

  const doSave = async () => {
    if (!hh.name.trim()) throw new NotReady('type a name for the household first.');
    hh.children.forEach((c, i) => {
      if (!c.name.trim()) throw new NotReady(`type a name for child ${i + 1}.`);
      // What is typed in the date's boxes; a date typed only in part is never sent.
      const typed = childDates[i];
      if (typed) {
        try {
          c.birth.date = typed.read();
        } catch (err) {
          if (err instanceof DateError) throw new NotReady(`${err.message} (${c.name}).`);
          throw err;
        }
      }
      if (!c.birth.date) throw new NotReady(`enter ${c.name}'s ${c.birth.kind === 'expected' ? 'expected date' : 'date of birth'}.`);
    });
    (hh.agencies || []).forEach((x, i) => {
      if (!`${x.agency}${x.name}`.trim()) throw new NotReady(`type the agency or the worker's name for agency ${i + 1}, or remove it.`);
    });
    hh.carers.forEach((c, i) => {
      if (!c.name.trim()) throw new NotReady(`type a name for carer ${i + 1}, or remove the carer.`);
    });
    const sentCarers = hh.carers.slice();
    const sentChildren = hh.children.slice();
    const wasNew = !hh.id;
    let stored;
    try {
      stored = await api.saveHousehold(JSON.parse(JSON.stringify(hh)));
    } catch (err) {
      if (err?.code === 'invalid') showRefusal(err.message);
      throw err;
    }
    hh.id = stored.id;
    hh.created_at = stored.created_at;
    hh.updated_at = stored.updated_at;
    (stored.carers || []).forEach((c, i) => {
      if (sentCarers[i] && !sentCarers[i].id) sentCarers[i].id = c.id;
    });
    (stored.children || []).forEach((c, i) => {
      if (sentChildren[i] && !sentChildren[i].id) sentChildren[i].id = c.id;
    });
    if (wasNew && ctx.isCurrent()) {
      history.replaceState(null, '', `#/household/${encodeURIComponent(hh.id)}`);
      // The toolkits section above the form grows once the household exists: keep the form
      // where it was on screen, so a button being clicked does not move from under the pointer.
      const below = assessmentsSection.nextElementSibling;
      const top = below?.getBoundingClientRect().top;
      renderAssessments(assessmentsSection, hh, []);
      if (below) window.scrollBy(0, below.getBoundingClientRect().top - top);
    }
    error.textContent = '';
    for (const d of childDates) d.clearRuleError();
    return { saved_at: stored.updated_at };
  };
  const changed = () => debounced(SAVE_KEY, doSave);
  const leave = () => flushKey(SAVE_KEY);

  const bindText = (input, set) => {
    input.addEventListener('input', () => {
      set(input.value);
      changed();
    });
    input.addEventListener('blur', leave);
  };

  // Household details.
  const name = field({ id: 'household-name', label: 'Household name', value: hh.name, hint: 'For example "Smith family". Used in lists.' });
  bindText(name.input, (v) => {
    hh.name = v;
  });
  const reference = field({ id: 'household-reference', label: 'Case reference (optional)', value: hh.reference });
  bindText(reference.input, (v) => {
    hh.reference = v;
  });
  const address = field({
    id: 'household-address',
    label: 'Address (one line per line, without the postcode)',
    multiline: true,
    value: (hh.address.lines || []).join('\n'),
  });
  bindText(address.input, (v) => {
    hh.address.lines = v
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  });
  const postcode = field({ id: 'household-postcode', label: 'Postcode', value: hh.address.postcode, attrs: { autocomplete: 'off' } });
  bindText(postcode.input, (v) => {
    hh.address.postcode = v;
  });
  const language = field({ id: 'household-language', label: 'Main language at home', value: hh.language });
  bindText(language.input, (v) => {
    hh.language = v;
  });
  const interpreter = checkbox({ id: 'household-interpreter', label: 'An interpreter is needed', checked: hh.interpreter_needed });
  interpreter.input.addEventListener('change', () => {
    hh.interpreter_needed = interpreter.input.checked;
    changed();
    leave();
  });

  const carersBox = h('div', { class: 'people' });
  const childrenBox = h('div', { class: 'people' });

  const renderCarers = () => {
    clear(carersBox);
    hh.carers.forEach((c, n) => {
      const f = (key, label, extra = {}) => {
        const x = field({ id: `carer-${key}-${n}`, label, value: c[{ name: 'name', relationship: 'relationship', phone: 'phone' }[key]], ...extra });
        bindText(x.input, (v) => {
          c[key] = v;
        });
        return x.wrap;
      };
      const pr = checkbox({ id: `carer-pr-${n}`, label: 'Has parental responsibility', checked: c.parental_responsibility });
      pr.input.addEventListener('change', () => {
        c.parental_responsibility = pr.input.checked;
        changed();
        leave();
      });
      append(
        carersBox,
        h(
          'fieldset',
          { class: 'person' },
          h('legend', {}, c.name ? ['Carer: ', iso(c.name)] : `Carer ${n + 1}`),
          f('name', 'Full name'),
          f('relationship', 'Relationship to the children', { hint: 'For example Mother, Stepfather, Grandmother.' }),
          pr.wrap,
          f('phone', 'Telephone', { type: 'tel' }),
          removeButton(`remove-carer-${n}`, `Remove carer ${c.name || n + 1}`, () => {
            hh.carers.splice(n, 1);
            renderCarers();
            changed();
          }),
        ),
      );
    });
  };

  const renderChildren = () => {
    clear(childrenBox);
    childDates = [];
    hh.children.forEach((c, n) => {
      const f = (key, prop, label, extra = {}) => {
        const x = field({ id: `child-${key}-${n}`, label, value: c[prop], ...extra });
        bindText(x.input, (v) => {
          c[prop] = v;
        });
        return x.wrap;
      };
      const bornId = `child-born-${n}`;
      const unbornId = `child-unborn-${n}`;
      const born = h('input', { type: 'radio', id: bornId, name: `child-birth-${n}`, value: 'born', checked: c.birth.kind === 'born' });
      const unborn = h('input', { type: 'radio', id: unbornId, name: `child-birth-${n}`, value: 'expected', checked: c.birth.kind === 'expected' });
      const dateQuestion = () => (c.birth.kind === 'expected' ? 'Expected date' : 'Date of birth');
      // An expected date is in the months ahead: its example is today's date, not a birthday.
      const dateHint = () => (c.birth.kind === 'expected' ? exampleHint(today()) : PAST_DATE_HINT);
      const date = dateInput({
        id: `child-date-${n}`,
        legend: dateQuestion(),
        hint: dateHint(),
        value: c.birth.date || '',
        birthday: c.birth.kind === 'born',
        onChange: (v) => {
          c.birth.date = v;
          changed();
        },
        onLeave: leave,
      });
      childDates[n] = date;
      for (const r of [born, unborn]) {
        r.addEventListener('change', () => {
          c.birth.kind = born.checked ? 'born' : 'expected';
          date.setLegend(dateQuestion(), null, dateHint());
          date.setBirthday(c.birth.kind === 'born');
          date.clearError();
          changed();
        });
      }
      const youngCarer = checkbox({
        id: `child-young-carer-${n}`,
        label: 'A young carer: cares for a parent, brother, sister or other relative',
        checked: Boolean(c.young_carer),
      });
      youngCarer.input.addEventListener('change', () => {
        c.young_carer = youngCarer.input.checked;
        changed();
        leave();
      });
      append(
        childrenBox,
        h(
          'fieldset',
          { class: 'person' },
          h('legend', {}, c.name ? ['Child: ', iso(c.name)] : `Child ${n + 1}`),
          f('name', 'name', 'Full name'),
          h(
            'fieldset',
            { class: 'inline-choice' },
            h('legend', { text: 'Born yet?' }),
            h('div', { class: 'check' }, born, h('label', { for: bornId, text: 'Born' })),
            h('div', { class: 'check' }, unborn, h('label', { for: unbornId, text: 'Unborn (expected)' })),
          ),
          date.wrap,
          f('gender', 'gender', 'Gender (as the family describes it, optional)'),
          f('setting', 'setting', 'School, nursery or other setting'),
          f('needs', 'additional_needs', 'Additional needs or disability', { multiline: true }),
          f('language', 'language', 'First language'),
          youngCarer.wrap,
          removeButton(`remove-child-${n}`, `Remove child ${c.name || n + 1}`, () => {
            hh.children.splice(n, 1);
            renderChildren();
            changed();
          }),
        ),
      );
    });
  };
  renderCarers();
  renderChildren();

  const saveNow = h('button', { type: 'button', id: 'save-household', class: 'button', text: 'Save now' });
  saveNow.addEventListener('click', async () => {
    try {
      await flushKey(SAVE_KEY);
      await save(doSave);
    } catch (err) {
      error.textContent = `Not saved: ${err.message}`;
    }
  });

  renderAssessments(assessmentsSection, hh, assessments);

  append(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/households', text: 'Households' })),
    h('h1', { text: isNew ? 'New household' : hh.name || 'Household' }),
    receivedMarker(received),
    assessmentsSection,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title', text: 'Household' }),
      name.wrap,
      reference.wrap,
      address.wrap,
      postcode.wrap,
      language.wrap,
      interpreter.wrap,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'carers-title' },
      h('h2', { id: 'carers-title', text: 'Parents and carers' }),
      carersBox,
      h('button', {
        type: 'button',
        id: 'add-carer',
        class: 'button button-secondary',
        text: 'Add a carer',
        on: {
          click: () => {
            hh.carers.push(blankCarer());
            renderCarers();
            document.getElementById(`carer-name-${hh.carers.length - 1}`).focus();
          },
        },
      }),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'children-title' },
      h('h2', { id: 'children-title', text: 'Children' }),
      childrenBox,
      h('button', {
        type: 'button',
        id: 'add-child',
        class: 'button button-secondary',
        text: 'Add a child',
        on: {
          click: () => {
            hh.children.push(blankChild());
            renderChildren();
            document.getElementById(`child-name-${hh.children.length - 1}`).focus();
          },
        },
      }),
    ),
    agenciesPanel(hh, { bindText, changed, removeButton }),
    h('div', { class: 'button-row' }, saveNow),
    error,
    erasures ? erasePanel(hh, erasures) : null,
  );
}

function removeButton(id, label, onConfirm) {
  const b = h('button', { type: 'button', id, class: 'button button-danger', text: label });
  let armed = false;
  b.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      b.textContent = `${label}: choose again to confirm`;
      return;
    }
    onConfirm();
  });
  b.addEventListener('blur', () => {
    armed = false;
    b.textContent = label;
  });
  return b;
}

/**
 * The confirmation for discarding draft `a`: what it does, the reason (required, kept in the
 * audit trail), and buttons to discard or keep it. `onDiscarded` runs once the backend has
 * deleted the draft; `onCancel` closes the confirmation.
 */
function discardConfirmation(a, { onDiscarded, onCancel }) {
  const reason = field({ id: 'discard-reason', label: 'Why is this draft being discarded?', multiline: true, attrs: { rows: 2 } });
  const error = h('p', { id: 'discard-error', class: 'error', role: 'alert' });
  const confirm = h('button', { type: 'button', id: 'confirm-discard', class: 'button button-danger', text: 'Discard the draft' });
  const cancel = h('button', { type: 'button', id: 'cancel-discard', class: 'button button-secondary', text: 'Keep the draft', on: { click: onCancel } });
  confirm.addEventListener('click', async () => {
    if (!reason.input.value.trim()) {
      error.textContent = 'Give a reason for discarding the draft, then choose Discard the draft.';
      reason.input.focus();
      return;
    }
    confirm.disabled = true;
    try {
      await api.discardAssessment(a.id, reason.input.value);
      await onDiscarded();
    } catch (err) {
      error.textContent = err.message;
      confirm.disabled = false;
    }
  });
  return h(
    'div',
    { class: 'notice discard-confirmation', role: 'group', 'aria-labelledby': 'discard-title' },
    h('p', { id: 'discard-title', class: 'assessment-title', text: `Discard this draft ${a.kind_text.toLowerCase()}?` }),
    h('p', { text: 'The draft and everything recorded in it are deleted. This cannot be undone. The reason is kept in the audit trail.' }),
    reason.wrap,
    error,
    h('div', { class: 'button-row' }, confirm, cancel),
  );
}

function renderAssessments(section, hh, assessments, said = '') {
  clear(section);
  const error = h('p', { class: 'error', role: 'alert' });
  const status = h('p', { id: 'assessments-status', role: 'status', tabindex: '-1' });
  append(section, h('h2', { id: 'assessments-title', text: 'Toolkits' }), status);
  if (said) {
    // Set once the region is on the page, so it is announced.
    queueMicrotask(() => {
      status.textContent = said;
      status.focus();
    });
  }
  if (!hh.id) {
    append(section, h('p', { class: 'empty', text: 'Save the household (give it a name) before starting a toolkit.' }));
    return;
  }
  append(
    section,
    h('p', {}, h('a', { id: 'open-chronology', href: `#/chronology/${encodeURIComponent(hh.id)}`, text: 'Timeline: every agency’s events (chronology)' })),
    h('p', {}, h('a', { id: 'open-history', href: `#/household/${encodeURIComponent(hh.id)}/history`, text: 'History: who changed what, when and why' })),
  );
  if (!assessments.length) append(section, h('p', { class: 'empty', text: 'No toolkit has been started for this household.' }));
  else {
    append(
      section,
      h(
        'ul',
        { id: 'assessment-list', class: 'assessment-list' },
        assessments.map((a) => {
          const review =
            a.status === 'completed'
              ? h('button', {
                  type: 'button',
                  class: 'button button-secondary start-review',
                  'data-assessment-id': a.id,
                  text: 'Start a review',
                  on: {
                    click: async () => {
                      try {
                        const view = await api.startReview(a.id);
                        location.hash = `#/toolkit/${encodeURIComponent(view.assessment.id)}`;
                      } catch (err) {
                        error.textContent = err.message;
                      }
                    },
                  },
                })
              : null;
          const item = h('li', { class: 'assessment-item' });
          const discard =
            a.status === 'draft'
              ? h('button', {
                  type: 'button',
                  class: 'button button-danger discard-draft',
                  'data-assessment-id': a.id,
                  text: 'Discard this draft',
                  on: {
                    click: () => {
                      if (section.querySelector('.discard-confirmation')) return;
                      const box = discardConfirmation(a, {
                        onDiscarded: async () => {
                          const left = await api.listAssessments(hh.id);
                          renderAssessments(section, hh, left, `The draft ${a.kind_text.toLowerCase()} was discarded.`);
                        },
                        onCancel: () => {
                          box.remove();
                          discard.focus();
                        },
                      });
                      append(item, box);
                      box.querySelector('#discard-reason').focus();
                    },
                  },
                })
              : null;
          return append(
            item,
            h(
              'p',
              { class: 'assessment-title' },
              h('strong', { text: a.kind_text }),
              ` started ${longDate(a.started_on)} · `,
              h('span', { class: `status status-${a.status}`, text: a.status_text }),
            ),
            h(
              'div',
              { class: 'button-row' },
              h('a', { class: 'button open-toolkit', href: `#/toolkit/${encodeURIComponent(a.id)}`, 'data-assessment-id': a.id, text: 'Open toolkit' }),
              h('a', {
                class: 'button button-secondary open-summary',
                href: `#/summary/${encodeURIComponent(a.id)}`,
                'data-assessment-id': a.id,
                text: 'Summary',
              }),
              review,
              discard,
            ),
          );
        }),
      ),
    );
  }
  append(
    section,
    h('button', {
      type: 'button',
      id: 'new-assessment',
      class: 'button',
      text: 'Start a new toolkit',
      on: {
        click: async () => {
          try {
            const view = await api.newAssessment(hh.id);
            location.hash = `#/toolkit/${encodeURIComponent(view.assessment.id)}`;
          } catch (err) {
            error.textContent = err.message;
          }
        },
      },
    }),
    error,
  );
}
