// The limits the core enforces (the `get_limits` command), read once when the app starts so every
// screen states the same numbers and words as the core's own checks. Nothing here writes a limit.

import * as api from '../api.js';

let current = null;

/** Ask the backend for its limits; `start()` in app.js awaits this before the first screen. */
export async function loadLimits() {
  current = await api.getLimits();
  return current;
}

/**
 * The limits: `{ passphrase_min_chars, auto_lock_min_minutes, auto_lock_max_minutes,
 * auto_lock_default_minutes, definition_file_max_bytes, passphrase_too_short, auto_lock_out_of_range }`.
 */
export function limits() {
  if (!current) throw new Error('the limits are read when the app starts; call loadLimits() first');
  return current;
}
