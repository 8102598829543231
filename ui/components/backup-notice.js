// The backup notice: when an automatic backup failed (at the last lock, the first unlock of the
// day or before completing a toolkit), a line above every screen says so in the core's words
// (`get_backups`' `notice`). The work itself is saved; the notice never blocks anything.

import * as api from '../api.js';

const line = () => document.getElementById('backup-banner');

/** Take the notice down (on lock). */
export function hideBackupNotice() {
  const el = line();
  if (!el) return;
  el.textContent = '';
  el.hidden = true;
}

/** Ask the backend whether an automatic backup failed, and say so if it did. */
export async function checkBackupNotice() {
  const el = line();
  if (!el) return;
  try {
    const b = await api.getBackups();
    el.textContent = b.notice || '';
    el.hidden = !b.notice;
  } catch {
    // Locked in the meantime, or the backend is busy: the next check says it.
  }
}
