// The integrity banner: what the checks of the vault found (the quick check at unlock, then the
// full check the app runs in the background), shown above every unlocked screen until the
// problems are gone. Every word in it comes from the backend's IntegrityView; this file only
// lays it out, as text.

import * as api from '../api.js';
import { h, append, clear } from '../dom.js';

const banner = () => document.getElementById('integrity-banner');

/** Take the banner down (on lock: the next unlock checks again). */
export function hideIntegrity() {
  const el = banner();
  if (!el) return;
  clear(el);
  el.hidden = true;
}

/** Show an IntegrityView: nothing when it is ok, else what is affected and what to do. */
export function showIntegrity(view) {
  const el = banner();
  if (!el) return;
  clear(el);
  if (!view || view.ok) {
    el.hidden = true;
    return;
  }
  const problems = view.problems || [];
  const kept = view.quarantined || [];
  append(
    el,
    h('h2', { id: 'integrity-title', text: view.headline }),
    problems.length
      ? h(
          'ul',
          { class: 'integrity-problems' },
          problems.map((p) => h('li', { 'data-record': p.record }, h('strong', { text: p.area }), ` ${p.record ? `(${p.record}) ` : ''}${p.detail}`)),
        )
      : null,
    kept.length
      ? h(
          'details',
          { class: 'integrity-quarantine' },
          h('summary', { text: `Records kept aside (${kept.length})` }),
          h(
            'ul',
            {},
            kept.map((q) => h('li', { 'data-table': q.table, text: `${q.table} ${q.id}: ${q.reason}` })),
          ),
        )
      : null,
    h('p', { text: view.action }),
  );
  el.hidden = false;
}

/** After unlocking: show what the quick check found, then run the full check and show that. */
export async function checkIntegrity(isCurrent = () => true) {
  try {
    const quick = await api.getIntegrity();
    if (isCurrent()) showIntegrity(quick);
    const full = await api.checkIntegrity();
    if (isCurrent()) showIntegrity(full);
  } catch {
    /* a locked vault or a failed check: the next unlock checks again */
  }
}
