// The background events to allow for (a bereavement, a lost job, a move...), on the first section:
// add, change and remove them, each with its kind, its date (the GOV.UK-style date input) and a
// note, saved with update_assessment (background_events). The kinds' words come from the core
// (view.text.home.event_kinds). A completed toolkit lists the core's lines instead.
//
// Stable ids: #background-events, #events-list, #event-<n> (fieldset), #event-kind-<n>,
// #event-date-<n> (with -day, -month, -year), #event-note-<n>, #event-remove-<n>, #event-add,
// #events-error.

import { dateInput, exampleHint } from '../../components/date-input.js';
import { append, clear, field, h, today } from '../../dom.js';
import { debounced, flushKey, save } from '../../session.js';
import { patchAssessment } from './state.js';

const KEY = 'patch|background_events';

/** The background events part, or null for a completed toolkit with none. */
export function backgroundEvents(state) {
  const a = state.assessment;
  const lines = state.text.home?.events || [];
  if (!state.editable) {
    if (!lines.length) return null;
    return h(
      'div',
      { id: 'background-events' },
      h('h4', { text: 'Background events' }),
      h(
        'ul',
        {},
        lines.map((e) => h('li', { text: e })),
      ),
    );
  }
  const kinds = state.text.home?.event_kinds || [];
  // The rows as typed; a row is sent once it has a whole date, and keeps its last whole date
  // while the boxes are being retyped.
  const rows = (a.background_events || []).map((e) => ({ kind: e.kind, date: e.date, note: e.note || '' }));
  const list = h('div', { id: 'events-list' });
  const error = h('p', { class: 'error', id: 'events-error', role: 'alert', hidden: true });
  const send = () => {
    const events = rows.filter((r) => r.date).map((r) => ({ kind: r.kind, date: r.date, note: r.note }));
    a.background_events = events;
    return patchAssessment(state, 'background_events', events).then(
      (x) => {
        error.hidden = true;
        return x;
      },
      (err) => {
        error.textContent = err?.message || 'The background events could not be saved.';
        error.hidden = false;
        throw err;
      },
    );
  };
  const saveNow = () => save(send).catch(() => {});

  const render = () => {
    clear(list);
    rows.forEach((row, n) => {
      const kind = h(
        'select',
        { id: `event-kind-${n}` },
        kinds.map((k) => h('option', { value: k.code, text: k.label, selected: k.code === row.kind })),
      );
      kind.addEventListener('change', () => {
        row.kind = kind.value;
        if (row.date) saveNow();
      });
      const date = dateInput({
        id: `event-date-${n}`,
        legend: 'When it happened',
        name: 'The date of the event',
        hint: exampleHint(today()),
        value: row.date || '',
        onChange: (v) => {
          if (!v) return;
          row.date = v;
          debounced(KEY, send);
        },
        onLeave: () => flushKey(KEY),
      });
      const note = field({ id: `event-note-${n}`, label: 'A few words about it', value: row.note });
      note.input.addEventListener('input', () => {
        row.note = note.input.value;
        if (row.date) debounced(KEY, send);
      });
      note.input.addEventListener('blur', () => flushKey(KEY));
      const remove = h('button', { type: 'button', class: 'button button-secondary', id: `event-remove-${n}`, text: 'Remove this event' });
      remove.addEventListener('click', () => {
        rows.splice(n, 1);
        render();
        saveNow();
        document.getElementById('event-add')?.focus();
      });
      append(
        list,
        h(
          'fieldset',
          { class: 'event', id: `event-${n}` },
          h('legend', { text: `Event ${n + 1}` }),
          h('div', { class: 'field' }, h('label', { for: kind.id, text: 'What happened' }), kind),
          date.wrap,
          row.date ? null : h('p', { class: 'hint', id: `event-unsaved-${n}`, text: 'Saved once its date is given.' }),
          note.wrap,
          remove,
        ),
      );
    });
  };
  render();
  const add = h('button', { type: 'button', class: 'button button-secondary', id: 'event-add', text: 'Add a background event' });
  add.addEventListener('click', () => {
    rows.push({ kind: kinds[0]?.code || 'other', date: '', note: '' });
    render();
    document.getElementById(`event-kind-${rows.length - 1}`)?.focus();
  });
  return h(
    'div',
    { id: 'background-events' },
    h('h4', { text: 'Background events' }),
    h('p', { class: 'hint', text: 'Events the family has been through that you allow for, such as a bereavement, a lost job, a move, a new baby or illness.' }),
    error,
    list,
    add,
  );
}
