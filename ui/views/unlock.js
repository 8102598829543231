// Unlock with the passphrase, or get back in with the recovery key and choose a new passphrase.
// In the demo the passphrase is shown, since the demo vault holds only fictional data.
//
// Stable ids:
//   #unlock-passphrase, #unlock-submit, #unlock-error, #unlock-demo-hint, #unlock-locked-note,
//   #use-recovery-key (button), #recovery-key-input, #recover-passphrase,
//   #recover-passphrase-confirm, #recover-submit, #recover-error, #back-to-unlock

import * as api from '../api.js';
import { newPassphraseFields } from '../components/passphrase.js';
import { append, clear, field, h } from '../dom.js';

/** The message shown for a wrong passphrase. */
export const WRONG_PASSPHRASE = 'That passphrase is not right. Check that Caps Lock is off and try again, or use your recovery key.';
const WRONG_RECOVERY_KEY = 'That recovery key is not right. Check each group of characters against the copy you wrote down.';

/** Render the unlock screen into `main`. */
export async function render(main, _params, ctx, status = {}) {
  showUnlock(main, ctx, status);
}

function showUnlock(main, ctx, status) {
  clear(main);
  const pass = field({
    id: 'unlock-passphrase',
    label: 'Passphrase',
    type: 'password',
    attrs: { autocomplete: 'current-password', required: true },
  });
  const error = h('p', { id: 'unlock-error', class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', id: 'unlock-submit', class: 'button', text: 'Unlock' });
  const demo = status.demo
    ? h(
        'p',
        { id: 'unlock-demo-hint', class: 'notice' },
        'This is the demo, with a fictional family. The passphrase is ',
        h('strong', { class: 'mono', text: status.demo_passphrase || '' }),
        '.',
      )
    : null;
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    h('h1', { text: 'Unlock your records' }),
    h('p', { id: 'unlock-locked-note', class: 'notice-plain' }),
    demo,
    pass.wrap,
    error,
    h(
      'div',
      { class: 'button-row' },
      button,
      h('button', {
        type: 'button',
        id: 'use-recovery-key',
        class: 'button button-secondary',
        text: 'Use recovery key',
        on: { click: () => showRecover(main, ctx, status) },
      }),
    ),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    if (!pass.input.value) {
      error.textContent = 'Type your passphrase, then choose Unlock.';
      pass.input.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Unlocking…';
    try {
      await api.unlock(pass.input.value);
      pass.input.value = '';
      await ctx.onUnlocked();
    } catch (err) {
      error.textContent = err.code === 'wrong_passphrase' ? WRONG_PASSPHRASE : err.message;
      button.disabled = false;
      button.textContent = 'Unlock';
      pass.input.select();
      pass.input.focus();
    }
  });
  append(main, form);
  pass.input.focus();
}

function showRecover(main, ctx, status) {
  clear(main);
  const key = field({ id: 'recovery-key-input', label: 'Recovery key', attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const { pass, confirm, problem } = newPassphraseFields('recover-passphrase');
  const error = h('p', { id: 'recover-error', class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', id: 'recover-submit', class: 'button', text: 'Unlock and set the new passphrase' });
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    h('h1', { tabindex: '-1', text: 'Use your recovery key' }),
    h('p', { text: 'Type the recovery key you wrote down when you set up the app, then choose a new passphrase.' }),
    key.wrap,
    pass.wrap,
    confirm.wrap,
    error,
    h(
      'div',
      { class: 'button-row' },
      button,
      h('button', { type: 'button', id: 'back-to-unlock', class: 'button button-secondary', text: 'Back', on: { click: () => showUnlock(main, ctx, status) } }),
    ),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    if (!key.input.value.trim()) {
      error.textContent = 'Type your recovery key.';
      key.input.focus();
      return;
    }
    const wrong = problem();
    if (wrong) {
      error.textContent = wrong.text;
      wrong.input.focus();
      return;
    }
    button.disabled = true;
    try {
      await api.recover(key.input.value.trim(), pass.input.value);
      await ctx.onUnlocked();
    } catch (err) {
      error.textContent = err.code === 'wrong_recovery_key' ? WRONG_RECOVERY_KEY : err.message;
      button.disabled = false;
    }
  });
  append(main, form);
  main.querySelector('h1').focus();
}
