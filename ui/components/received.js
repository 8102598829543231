// The "received" marker of a household handed over from another vault: who sent it and when,
// and, while an incoming version waits, the core's words saying so, with a
// link to the field-by-field review.
//
// Stable parts: p.received-marker[data-household-id], its span.received-text, and while a
// conflict waits a.review-conflict (to #/conflict/<id>) holding the core's conflict words.

import { h } from '../dom.js';

/** The marker for `item` (a `list_received` entry), or null when there is none. */
export function receivedMarker(item) {
  if (!item) return null;
  return h(
    'p',
    { class: 'received-marker', 'data-household-id': item.household_id },
    h('span', { class: 'received-text', text: item.received_text }),
    item.conflict_text
      ? h('a', { class: 'badge badge-due review-conflict', href: `#/conflict/${encodeURIComponent(item.household_id)}`, text: item.conflict_text })
      : null,
  );
}

/** The received entries by household id. */
export function receivedById(items) {
  return new Map((items || []).map((r) => [r.household_id, r]));
}
