// A household's History: who changed its records, when and why, oldest first, as the core
// composes it (`get_history`, the same lines `ntk vault audit --household` prints). It never
// shows what a record said before a change. Not part of the Family view.
//
// Route: #/household/<household id>/history.
// Stable ids: #history-about, #history-table (a table with a caption and column headings; each
//   body row is tr.history-line), #history-empty.

import * as api from '../api.js';
import { h, append, iso } from '../dom.js';

/** Render the History of household `params.id` into `main`. */
export async function render(main, params) {
  const household = await api.getHousehold(params.id);
  const view = await api.getHistory(household.id);
  const empty = h('p', { id: 'history-empty', class: 'empty', text: view.empty_text, hidden: view.lines.length > 0 });
  const cell = (text, cls) => h('td', { class: cls, dir: 'auto', text });
  const table = h(
    'table',
    { id: 'history-table', class: 'history-table', hidden: view.lines.length === 0 },
    h('caption', {}, 'Changes to ', iso(household.name), ', oldest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['When', 'Who', 'What', 'Why', 'Record'].map((t) => h('th', { scope: 'col', text: t })),
      ),
    ),
    h(
      'tbody',
      {},
      view.lines.map((l) =>
        h(
          'tr',
          { class: 'history-line' },
          h('td', { class: 'history-when' }, h('time', { datetime: l.at, text: l.when_text })),
          cell(l.who_text, 'history-who'),
          cell(l.what, 'history-what'),
          cell(l.why ?? '', 'history-why'),
          cell(l.record, 'history-record'),
        ),
      ),
    ),
  );
  append(
    main,
    h(
      'p',
      { class: 'breadcrumb' },
      h('a', { href: '#/households', text: 'Households' }),
      ' › ',
      h('a', { href: `#/household/${encodeURIComponent(household.id)}`, text: household.name }),
    ),
    h('h1', {}, 'History: ', iso(household.name)),
    h('p', { id: 'history-about', class: 'hint', text: view.about }),
    h('div', { class: 'table-wrap' }, table),
    empty,
  );
}
