// First run: choose a passphrase (with a strength meter and a minimum length), see the recovery
// key once and confirm it is written down, then enter the practitioner's details and contacts.
//
// Stable ids:
//   step 1  #setup-passphrase, #setup-passphrase-confirm, #setup-strength (meter),
//           #setup-strength-text, #setup-create (button), #setup-error
//   step 2  #recovery-key (the key text), #recovery-confirm (checkbox "I have written it down"),
//           #recovery-continue (button)
//   step 3  #practitioner-name, #practitioner-role, #practitioner-agency, #practitioner-phone,
//           #practitioner-email, #contact-name-<n>, #contact-phone-<n>, #contact-desc-<n>,
//           #add-contact, #setup-finish (button), #setup-details-error

import * as api from '../api.js';
import { contactsEditor } from '../components/contacts.js';
import { limits } from '../components/limits.js';
import { minPassphraseLength, passphraseStrength, passphraseTooShort } from '../components/passphrase.js';
import { practitionerFields, readPractitioner } from '../components/practitioner.js';
import { append, clear, field, h } from '../dom.js';

/** Render the set-up screens into `main`. */
export async function render(main, _params, ctx) {
  stepPassphrase(main, ctx);
}

function stepPassphrase(main, ctx) {
  clear(main);
  const pass = field({
    id: 'setup-passphrase',
    label: 'Choose a passphrase',
    type: 'password',
    hint: `At least ${minPassphraseLength()} characters. A few unrelated words are easy to remember and hard to guess.`,
    attrs: { autocomplete: 'new-password', required: true, minlength: minPassphraseLength() },
  });
  const confirm = field({
    id: 'setup-passphrase-confirm',
    label: 'Type the passphrase again',
    type: 'password',
    attrs: { autocomplete: 'new-password', required: true },
  });
  const meter = h('meter', { id: 'setup-strength', min: 0, max: 4, low: 2, high: 3, optimum: 4, value: 0, 'aria-labelledby': 'setup-strength-label' });
  const strengthText = h('span', { id: 'setup-strength-text', text: 'No passphrase yet' });
  const error = h('p', { id: 'setup-error', class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', id: 'setup-create', class: 'button', text: 'Create the vault' });
  pass.input.addEventListener('input', () => {
    const s = passphraseStrength(pass.input.value);
    meter.value = s.score;
    strengthText.textContent = s.label;
  });
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    h('h1', { text: 'Set up the Neglect Toolkit' }),
    h('p', {
      text: 'Everything you record is kept encrypted on this computer. Choose a passphrase to protect it. You will need it each time you open the app.',
    }),
    pass.wrap,
    h('div', { class: 'strength' }, h('span', { id: 'setup-strength-label', text: 'Strength: ' }), meter, ' ', strengthText),
    confirm.wrap,
    error,
    button,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const p = pass.input.value;
    if (p.length < minPassphraseLength()) {
      error.textContent = passphraseTooShort();
      pass.input.focus();
      return;
    }
    if (p !== confirm.input.value) {
      error.textContent = 'The two passphrases are different. Type the same passphrase in both boxes.';
      confirm.input.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Creating the vault…';
    try {
      const { recovery_key } = await api.createVault(p);
      pass.input.value = '';
      confirm.input.value = '';
      stepRecoveryKey(main, ctx, recovery_key);
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
      button.textContent = 'Create the vault';
    }
  });
  append(main, form);
  pass.input.focus();
}

function stepRecoveryKey(main, ctx, key) {
  clear(main);
  const confirm = h('input', { type: 'checkbox', id: 'recovery-confirm' });
  const button = h('button', { type: 'button', id: 'recovery-continue', class: 'button', text: 'Continue', disabled: true });
  confirm.addEventListener('change', () => {
    button.disabled = !confirm.checked;
  });
  button.addEventListener('click', () => {
    if (!confirm.checked) return;
    stepDetails(main, ctx);
  });
  append(
    main,
    h(
      'section',
      { class: 'card narrow' },
      h('h1', { tabindex: '-1', text: 'Your recovery key' }),
      h('p', {
        text: 'If you forget your passphrase, this key is the only way back in to your records. It is shown once, now. Write it down and keep it somewhere safe, away from this computer.',
      }),
      h('p', { id: 'recovery-key', class: 'recovery-key', text: key }),
      h('div', { class: 'check' }, confirm, h('label', { for: 'recovery-confirm', text: 'I have written it down' })),
      button,
    ),
  );
  main.querySelector('h1').focus();
}

async function stepDetails(main, ctx) {
  let current = { practitioner: {}, contacts: [], auto_lock_minutes: limits().auto_lock_default_minutes, active_definition: null };
  try {
    current = await api.getSettings();
  } catch {
    /* start from empty details */
  }
  clear(main);
  const error = h('p', { id: 'setup-details-error', class: 'error', role: 'alert' });
  const practitioner = practitionerFields(current.practitioner || {});
  const contacts = contactsEditor(current.contacts || []);
  const button = h('button', { type: 'submit', id: 'setup-finish', class: 'button', text: 'Finish set-up' });
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    h('h1', { tabindex: '-1', text: 'About you' }),
    h('p', { text: 'Your details appear on the summary sheets you export.' }),
    practitioner.fieldset,
    contacts.fieldset,
    error,
    button,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const p = readPractitioner(practitioner);
    if (!p.name.trim()) {
      error.textContent = 'Enter your name: it goes on the summary sheet.';
      practitioner.inputs.name.focus();
      return;
    }
    button.disabled = true;
    try {
      await api.saveSettings({ ...current, practitioner: p, contacts: contacts.read() });
      await ctx.onUnlocked();
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
  append(main, form);
  main.querySelector('h1').focus();
}
