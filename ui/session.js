// State shared by the views while the vault is unlocked, and the save machinery.
//
// Saves run one after another (so a later edit never lands before an earlier one) and the
// indicator says "Saved" only once the backend has answered. Text fields save after a pause
// in typing (500 ms) and when they lose focus; `flushSaves` sends whatever is still waiting,
// which the idle timer does before it locks the vault.

import { clockTime } from './dom.js';

/** Decrypted data cached while unlocked; `reset` drops all of it. */
export const session = {
  settings: null,
};

/** Forget everything decrypted (on lock). Pending typed text is discarded with it. */
export function reset() {
  session.settings = null;
  for (const p of pending.values()) clearTimeout(p.timer);
  pending.clear();
}

const DEBOUNCE_MS = 500;
let queue = Promise.resolve();
let inFlight = 0;
let lastError = null;

function indicator() {
  return document.getElementById('save-state');
}

function show(text, kind) {
  const el = indicator();
  if (!el) return;
  el.textContent = text;
  el.dataset.state = kind;
}

/**
 * Run a save. `fn` is called when the save's turn comes (so it can read the latest values)
 * and must return the backend's promise. Resolves with the result, rejects with the error.
 */
export function save(fn) {
  inFlight += 1;
  show('Saving…', 'saving');
  const run = queue.then(async () => {
    try {
      const result = await fn();
      inFlight -= 1;
      if (inFlight === 0) {
        // An earlier save of this burst failed: that is what the user must see.
        if (lastError) show(`Not saved: ${lastError}`, 'error');
        else show(`Saved at ${clockTime(result?.saved_at)}`, 'saved');
        lastError = null;
      }
      return result;
    } catch (err) {
      inFlight -= 1;
      lastError = err?.message || 'the change could not be saved.';
      show(`Not saved: ${lastError}`, 'error');
      if (inFlight === 0) lastError = null;
      throw err;
    }
  });
  // Keep the queue going whatever happens to this save.
  queue = run.catch(() => {});
  return run;
}

/** Clear the indicator (a new screen). */
export function clearIndicator() {
  lastError = null;
  show('', 'idle');
}

const pending = new Map();

/**
 * Save `fn` after a pause in typing, keyed so that a later change to the same thing replaces
 * an earlier one still waiting.
 */
export function debounced(key, fn) {
  const old = pending.get(key);
  if (old) clearTimeout(old.timer);
  const entry = { fn, timer: 0 };
  entry.timer = setTimeout(() => {
    pending.delete(key);
    save(fn).catch(() => {});
  }, DEBOUNCE_MS);
  pending.set(key, entry);
  show('Changes not yet saved…', 'pending');
}

/** Send one waiting save now (on blur). */
export function flushKey(key) {
  const entry = pending.get(key);
  if (!entry) return Promise.resolve();
  clearTimeout(entry.timer);
  pending.delete(key);
  return save(entry.fn).catch(() => {});
}

/** Send every waiting save now and wait for all saves to finish. */
export async function flushSaves() {
  const entries = [...pending.values()];
  pending.clear();
  for (const e of entries) {
    clearTimeout(e.timer);
    save(e.fn).catch(() => {});
  }
  await queue;
}

/**
 * Wire a text field so that typing saves after a pause and leaving the field saves at once.
 * `fn` reads the field's current value when it runs.
 */
export function autosave(input, key, fn) {
  // `input` covers typing, pasting and date pickers; `change` is left out because it also
  // fires when a focused field is removed from the page (on lock), after the data is gone.
  input.addEventListener('input', () => debounced(key, fn));
  input.addEventListener('blur', () => flushKey(key));
}
