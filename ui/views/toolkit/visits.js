// The visits of an assessment: date, who was present, which children were seen (and seen
// alone), notes. Ids: #add-visit, #visit-date-n (a fieldset with #visit-date-n-day,
// #visit-date-n-month and #visit-date-n-year), #visit-present-n, #visit-seen-n-<child n>,
// #visit-alone-n-<child n>, #visit-notes-n, #remove-visit-n.

import { dateInput, exampleHint } from '../../components/date-input.js';
import { append, checkbox, clear, field, h, longDate, today } from '../../dom.js';
import { autosave, debounced, flushKey, save } from '../../session.js';
import { childText, patchAssessment } from './state.js';

/** Fill `box` with one fieldset per visit and, when editable, the "Add a visit" button. */
export function renderVisits(box, state) {
  clear(box);
  const a = state.assessment;
  const saveVisits = () => save(() => patchAssessment(state, 'visits', a.visits)).catch(() => {});
  const redraw = () => renderVisits(box, state);
  (a.visits || []).forEach((v, n) => {
    append(box, visitFieldset(state, v, n, saveVisits, redraw));
  });
  if (state.editable) {
    const add = () => {
      a.visits = a.visits || [];
      a.visits.push({ id: randomId(), date: today(), present: [], children_seen: [], notes: '' });
      saveVisits();
      redraw();
      document.getElementById(`visit-date-${a.visits.length - 1}-day`).focus();
    };
    append(box, h('button', { type: 'button', id: 'add-visit', class: 'button button-secondary', text: 'Add a visit', on: { click: add } }));
  }
}

/** Visit `n`: its fields save as they change. */
function visitFieldset(state, v, n, saveVisits, redraw) {
  const { assessment: a, editable } = state;
  const sendVisits = () => patchAssessment(state, 'visits', a.visits);
  const legend = h('legend', { text: `Visit ${n + 1}${v.date ? `: ${longDate(v.date)}` : ''}` });
  const dateKey = `visit-date|${n}`;
  // A visit always has a date: a whole real date is saved, and boxes left empty keep the
  // date saved before and ask for one.
  const date = dateInput({
    id: `visit-date-${n}`,
    legend: 'Date of the visit',
    hint: exampleHint(today()),
    value: v.date || '',
    disabled: !editable,
    onChange: (value) => {
      if (!value) return;
      v.date = value;
      legend.textContent = `Visit ${n + 1}: ${longDate(value)}`;
      debounced(dateKey, sendVisits);
    },
    onLeave: () => {
      flushKey(dateKey);
      try {
        if (date.read() === '') date.showError('Enter the date of the visit');
      } catch {
        // read() has shown what is wrong with the date typed.
      }
    },
  });
  const present = field({
    id: `visit-present-${n}`,
    label: 'Who was present (one person per line)',
    multiline: true,
    value: (v.present || []).join('\n'),
    attrs: { disabled: !editable },
  });
  autosave(present.input, `visit-present|${n}`, () => {
    v.present = present.input.value
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    return sendVisits();
  });
  const notes = field({ id: `visit-notes-${n}`, label: 'Notes of the visit', multiline: true, value: v.notes || '', attrs: { disabled: !editable } });
  autosave(notes.input, `visit-notes|${n}`, () => {
    v.notes = notes.input.value;
    return sendVisits();
  });
  // An unborn baby is not seen at a visit (the core says which children can be).
  const seenRows = state.children.map((c, ci) => (childText(state, c).can_be_seen_alone ? childSeenRow(v, n, c, ci, editable, saveVisits) : null));
  const removeVisit = () => {
    a.visits.splice(n, 1);
    saveVisits();
    redraw();
  };
  const remove = editable
    ? h('button', { type: 'button', id: `remove-visit-${n}`, class: 'button button-danger', text: `Remove visit ${n + 1}`, on: { click: removeVisit } })
    : null;
  return h(
    'fieldset',
    { class: 'visit' },
    legend,
    date.wrap,
    present.wrap,
    h('fieldset', { class: 'inline-choice' }, h('legend', { text: 'Children seen' }), seenRows),
    notes.wrap,
    remove,
  );
}

/** "Seen" and "seen alone" for child `ci` at visit `n`; seen alone implies seen. */
function childSeenRow(v, n, c, ci, editable, saveVisits) {
  v.children_seen = v.children_seen || [];
  let entry = v.children_seen.find((s) => s.child_id === c.id);
  const get = () => {
    if (!entry) {
      entry = { child_id: c.id, seen: false, seen_alone: false };
      v.children_seen.push(entry);
    }
    return entry;
  };
  const seen = checkbox({ id: `visit-seen-${n}-${ci}`, label: `${c.name} was seen`, checked: entry?.seen, disabled: !editable });
  const alone = checkbox({ id: `visit-alone-${n}-${ci}`, label: `${c.name} was seen alone`, checked: entry?.seen_alone, disabled: !editable });
  seen.input.addEventListener('change', () => {
    const e = get();
    e.seen = seen.input.checked;
    if (!e.seen) {
      e.seen_alone = false;
      alone.input.checked = false;
    }
    saveVisits();
  });
  alone.input.addEventListener('change', () => {
    const e = get();
    e.seen_alone = alone.input.checked;
    if (e.seen_alone) {
      e.seen = true;
      seen.input.checked = true;
    }
    saveVisits();
  });
  return h('div', { class: 'seen-row' }, seen.wrap, alone.wrap);
}

function randomId() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
