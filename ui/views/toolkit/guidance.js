// The definition's guidance where it applies: the core computes which entries apply at each place
// (the view's `guidance.at`); this only renders them, each entry collapsible
// (#guidance-<place>-<entry id>). Practitioner's screens only: the Family view never shows it.

import { h } from '../../dom.js';

const sameChild = (a, b) => (a || null) === (b || null);

/** The entries the core placed at an item and field (null for the item as a whole) for a child. */
export function guidanceEntries(state, { item = null, field = null, childId = null }) {
  const place = (state.guidance?.at || []).find((g) => (g.item || null) === item && (g.field || null) === field && sameChild(g.child_id, childId));
  if (!place) return [];
  return place.guidance.map((id) => (state.definition.guidance || []).find((g) => g.id === id)).filter(Boolean);
}

/** One `<details>` per entry placed there, or null when there is none. `idKey` keeps ids unique. */
export function guidanceBox(state, where, idKey) {
  const entries = guidanceEntries(state, where);
  if (!entries.length) return null;
  return h(
    'div',
    { class: 'guidance' },
    entries.map((g) => h('details', { class: 'guidance-entry', id: `guidance-${idKey}-${g.id}` }, h('summary', { text: g.title }), h('p', { text: g.text }))),
  );
}
