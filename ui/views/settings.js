// Settings: the practitioner's details, the partnership's contacts, the auto-lock time, the
// toolkit definitions (load a partnership's file, choose the active one) and the passphrase.
//
// Stable ids:
//   #practitioner-name, #practitioner-role, #practitioner-agency, #practitioner-phone,
//   #practitioner-email, #contact-name-n, #contact-phone-n, #contact-desc-n, #remove-contact-n,
//   #add-contact, #auto-lock-minutes, #save-settings, #settings-error,
//   #definition-list (radios #definition-<n>), #definition-file (file input),
//   #definition-faults (one fault per list item), #definition-result,
//   #old-passphrase, #new-passphrase, #new-passphrase-confirm, #change-passphrase,
//   #passphrase-result,
//   hand-overs: #identity-key (this vault's public key), #copy-identity, #import-handover,
//   #handover-status (role=status), #received-list (li[data-household-id], with
//   button.keep-stored and button.take-incoming while an incoming version waits).
//   backups and erased households: see settings/backups.js.
//   its marker p.received-marker (components/received.js) with a.review-conflict, the
//   field-by-field review, and button.keep-stored and button.take-incoming while an incoming
//   version waits),
//   the usage report: #report-agency-type, #preview-report (shows #report-preview: a table with
//   one row per figure, the core's label, key and count), #save-report (enabled once previewed),
//   #report-status (role=status).

import * as api from '../api.js';
import { contactsEditor } from '../components/contacts.js';
import { limits } from '../components/limits.js';
import { newPassphraseFields } from '../components/passphrase.js';
import { practitionerFields, readPractitioner } from '../components/practitioner.js';
import { append, clear, field, h, iso } from '../dom.js';
import { receivedMarker } from '../components/received.js';
import { autosave, save, session } from '../session.js';
import { backupsPanel, erasedPanel } from './settings/backups.js';

/** Render the settings into `main`. */
export async function render(main, _params, _ctx) {
  const [settings, definitions, identity, received, backups, erasures] = await Promise.all([
    api.getSettings(),
    api.listDefinitions(),
    api.getIdentity(),
    api.listReceived(),
    api.getBackups(),
    api.getErasures(),
  ]);
  session.settings = settings;
  append(
    main,
    h('h1', { text: 'Settings' }),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-you-title' },
      h('h2', { id: 'settings-you-title', text: 'You and your contacts' }),
      detailsPanel(settings),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-def-title' },
      h('h2', { id: 'settings-def-title', text: 'Toolkit wording' }),
      definitionsPanel(definitions),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'settings-pass-title' }, h('h2', { id: 'settings-pass-title', text: 'Passphrase' }), passphrasePanel()),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-recovery-title' },
      h('h2', { id: 'settings-recovery-title', text: 'Recovery key' }),
      recoveryKeyPanel(),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-handover-title' },
      h('h2', { id: 'settings-handover-title', text: 'Hand-overs between vaults' }),
      handoverPanel(identity, received),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-backups-title' },
      h('h2', { id: 'settings-backups-title', text: 'Backups' }),
      backupsPanel(backups, settings),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-erased-title' },
      h('h2', { id: 'settings-erased-title', text: 'Erased households' }),
      erasedPanel(erasures),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-report-title' },
      h('h2', { id: 'settings-report-title', text: 'Usage report for the partnership' }),
      reportPanel(),
    ),
  );
}

/** The usage report: what it holds, shown first, then saved through the save dialog. */
function reportPanel() {
  const agency = field({ id: 'report-agency-type', label: 'Your agency type (for example health, education, police, early help)', value: '' });
  const status = h('p', { id: 'report-status', role: 'status' });
  const preview = h('div', { id: 'report-preview-area' });
  const previewButton = h('button', { type: 'button', id: 'preview-report', class: 'button button-secondary', text: 'Show what the report holds' });
  const saveButton = h('button', { type: 'button', id: 'save-report', class: 'button', text: 'Save the usage report', disabled: true });
  agency.input.addEventListener('input', () => {
    saveButton.disabled = true;
    clear(preview);
  });
  previewButton.addEventListener('click', async () => {
    status.textContent = '';
    clear(preview);
    try {
      const p = await api.previewUsageReport(agency.input.value);
      append(
        preview,
        h('p', {
          text: `Agency type: ${p.agency_type}. ${p.rows.length} figures; no names, dates of birth, addresses, free text or record ids. A CSV copy is saved beside ${p.file_name}.`,
        }),
        h(
          'table',
          { id: 'report-preview', class: 'report-preview' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col', text: 'Figure' }), h('th', { scope: 'col', text: 'Counted by' }), h('th', { scope: 'col', text: 'Count' })),
          ),
          h(
            'tbody',
            {},
            p.rows.map((r) => h('tr', { 'data-metric': r.metric }, h('td', { text: r.label }), h('td', { text: r.key }), h('td', { text: String(r.value) }))),
          ),
        ),
      );
      saveButton.disabled = false;
    } catch (err) {
      status.textContent = err.message;
    }
  });
  saveButton.addEventListener('click', async () => {
    saveButton.disabled = true;
    try {
      const r = await api.saveUsageReport(agency.input.value);
      status.textContent = `Saved the usage report to ${r.path}, with its CSV beside it.`;
    } catch (err) {
      status.textContent = err.code === 'cancelled' ? 'Not saved: the dialog was closed.' : `Not saved: ${err.message}`;
    } finally {
      saveButton.disabled = false;
    }
  });
  return [
    h('p', { class: 'hint', text: 'The partnership counts how the toolkit is used. The report holds counts only: ages as bands and dates as months.' }),
    agency.wrap,
    h('div', { class: 'button-row' }, previewButton, saveButton),
    preview,
    status,
  ];
}

/** This vault's public key (shown and copied), importing a hand-over, and the households received. */
function handoverPanel(identity, received) {
  const status = h('p', { id: 'handover-status', role: 'status' });
  const copy = h('button', { type: 'button', id: 'copy-identity', class: 'button button-secondary', text: 'Copy the public key' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(identity);
      status.textContent = 'The public key was copied.';
    } catch {
      status.textContent = 'The key could not be copied: select it and copy it by hand.';
    }
  });
  const list = h('ul', { id: 'received-list', class: 'received-list' });
  const draw = (items) => {
    clear(list);
    if (!items.length) append(list, h('li', { class: 'empty', text: 'No household has been received.' }));
    for (const r of items) {
      const li = h(
        'li',
        { 'data-household-id': r.household_id },
        h('a', { href: `#/household/${encodeURIComponent(r.household_id)}`, text: r.household_name }),
        receivedMarker(r),
        h('p', { class: 'hint', text: `Key: ${r.sender.public_key}` }),
      );
      if (r.conflict) {
        const keep = h('button', { type: 'button', class: 'button button-secondary keep-stored', text: 'Keep the household as it is here' });
        const take = h('button', { type: 'button', class: 'button button-secondary take-incoming', text: 'Take the incoming version' });
        const settle = async (incoming) => {
          try {
            await save(() => api.resolveHandover(r.household_id, incoming));
            status.textContent = incoming ? 'The incoming version was taken.' : 'The household was kept as it is here.';
            draw(await api.listReceived());
          } catch (err) {
            status.textContent = `Not saved: ${err.message}`;
          }
        };
        keep.addEventListener('click', () => settle(false));
        take.addEventListener('click', () => settle(true));
        append(
          li,
          h('p', { class: 'warning', text: 'An incoming version differs from the household here; nothing was overwritten.' }),
          h('div', { class: 'button-row' }, keep, take),
        );
      }
      append(list, li);
    }
  };
  draw(received);
  const importButton = h('button', { type: 'button', id: 'import-handover', class: 'button', text: 'Import a hand-over file' });
  importButton.addEventListener('click', async () => {
    importButton.disabled = true;
    try {
      const r = await api.importHandover();
      clear(status);
      append(
        status,
        r.conflict
          ? [iso(r.household_name), ' is already here and was not changed; the incoming version waits below.']
          : ['Received ', iso(r.household_name), '.'],
      );
      draw(await api.listReceived());
    } catch (err) {
      status.textContent = err.code === 'cancelled' ? 'Import cancelled.' : err.message;
    } finally {
      importButton.disabled = false;
    }
  });
  return [
    h('p', { class: 'hint', text: 'Give this public key to a colleague or the MASH so they can hand a household over to this vault. It is not secret.' }),
    h('p', {}, h('code', { id: 'identity-key', text: identity })),
    h('div', { class: 'button-row' }, copy, importButton),
    status,
    h('h3', { text: 'Households received' }),
    list,
  ];
}

/** The practitioner, the contacts and the auto-lock time; each edit saves all of `settings`. */
function detailsPanel(settings) {
  const error = h('p', { id: 'settings-error', class: 'error', role: 'alert' });
  let contacts;
  let lock;
  const current = () => ({
    ...settings,
    practitioner: readPractitioner(practitioner),
    contacts: contacts.read(),
    auto_lock_minutes: Number(lock.input.value),
  });
  const doSave = async () => {
    // A value that is not a whole number never reaches the backend; the range is the core's check.
    if (!Number.isInteger(Number(lock.input.value)) || lock.input.value.trim() === '') throw new Error(limits().auto_lock_out_of_range);
    const next = current();
    const result = await api.saveSettings(next);
    Object.assign(settings, next);
    session.settings = settings;
    return result;
  };
  const practitioner = practitionerFields(settings.practitioner || {});
  for (const input of Object.values(practitioner.inputs)) autosave(input, 'settings', doSave);
  contacts = contactsEditor(settings.contacts || [], () => save(doSave).catch(() => {}));
  lock = field({
    id: 'auto-lock-minutes',
    label: 'Lock the app after this many minutes without use',
    type: 'number',
    value: settings.auto_lock_minutes,
    attrs: { min: limits().auto_lock_min_minutes, max: limits().auto_lock_max_minutes, step: 1, inputmode: 'numeric' },
  });
  autosave(lock.input, 'settings', doSave);
  const saveButton = h('button', { type: 'button', id: 'save-settings', class: 'button', text: 'Save settings' });
  saveButton.addEventListener('click', async () => {
    error.textContent = '';
    try {
      await save(doSave);
    } catch (err) {
      error.textContent = `Not saved: ${err.message}`;
    }
  });
  return [practitioner.fieldset, contacts.fieldset, lock.wrap, error, saveButton];
}

/** The toolkit definitions: choose the active one, or load a partnership's file. */
function definitionsPanel(definitions) {
  const defList = h('div', { id: 'definition-list', class: 'definition-list' });
  const defResult = h('p', { id: 'definition-result', role: 'status' });
  const faults = h('ul', { id: 'definition-faults', class: 'faults' });
  drawDefinitions(defList, defResult, definitions);
  const file = h('input', { type: 'file', id: 'definition-file', accept: '.json,application/json' });
  file.addEventListener('change', async () => {
    clear(faults);
    defResult.textContent = '';
    const f = file.files?.[0];
    if (!f) return;
    try {
      const text = await f.text();
      const d = await api.importDefinition(text);
      defResult.textContent = `Loaded "${d.title}" version ${d.version}. Choose it below to use it for new toolkits.`;
      drawDefinitions(defList, defResult, await api.listDefinitions());
    } catch (err) {
      if (err.code === 'definition_invalid') {
        defResult.textContent = 'The file was not loaded. Fix these points and load it again:';
        const lines = String(err.message)
          .split('\n')
          .filter((l) => l.trim());
        for (const line of lines) append(faults, h('li', { text: line }));
      } else {
        defResult.textContent = `The file was not loaded: ${err.message}`;
      }
    } finally {
      file.value = '';
    }
  });
  return [
    h('p', { text: 'New toolkits use the active wording. Toolkits already started keep the wording they were started with.' }),
    h('fieldset', { class: 'group' }, h('legend', { text: 'Active wording' }), defList),
    h('div', { class: 'field' }, h('label', { for: 'definition-file', text: "Load a partnership's toolkit file (.json)" }), file),
    defResult,
    faults,
  ];
}

/** One radio per stored definition; choosing one makes it the wording of new toolkits. */
function drawDefinitions(defList, defResult, list) {
  clear(defList);
  list.forEach((d, n) => {
    const input = h('input', { type: 'radio', name: 'active-definition', id: `definition-${n}`, value: d.hash, checked: d.active });
    input.addEventListener('change', async () => {
      try {
        await api.setActiveDefinition(d.hash);
        defResult.textContent = `New toolkits will use "${d.title}" version ${d.version}.`;
      } catch (err) {
        defResult.textContent = err.message;
      }
    });
    append(defList, h('div', { class: 'check' }, input, h('label', { for: `definition-${n}`, text: `${d.title}, version ${d.version} (${d.id})` })));
  });
}

/**
 * While the backend re-seals every record under a new key, show how far it has gone in
 * `progress` (a <progress> element, hidden otherwise). Returns a function that stops listening.
 */
async function followRekey(progress) {
  progress.hidden = false;
  progress.removeAttribute('value');
  const stop = await api.onRekeyProgress(({ done, total }) => {
    if (total > 0) {
      progress.max = total;
      progress.value = done;
    }
  });
  return () => {
    progress.hidden = true;
    if (typeof stop === 'function') stop();
  };
}

/** A recovery key shown once, with the instruction to write it down. */
function showNewKey(box, key) {
  clear(box);
  append(
    box,
    h('p', { text: 'Write this recovery key down and keep it somewhere safe. It is shown only this once; the old one no longer works.' }),
    h('p', { id: 'new-recovery-key', class: 'recovery-key', text: key }),
  );
}

/** Issue a new recovery key, confirmed with the passphrase; the old key stops working. */
function recoveryKeyPanel() {
  const pass = field({ id: 'recovery-passphrase', label: 'Your passphrase', type: 'password', attrs: { autocomplete: 'current-password' } });
  const result = h('p', { id: 'recovery-result', role: 'status' });
  const progress = h('progress', { id: 'recovery-progress', 'aria-label': 'Sealing your records under a new key' });
  progress.hidden = true;
  const keyBox = h('div', { id: 'recovery-new-key' });
  const button = h('button', { type: 'button', id: 'issue-recovery-key', class: 'button button-secondary', text: 'Issue a new recovery key' });
  button.addEventListener('click', async () => {
    result.textContent = '';
    clear(keyBox);
    if (!pass.input.value) {
      result.textContent = 'Type your passphrase to issue a new recovery key.';
      pass.input.focus();
      return;
    }
    button.disabled = true;
    const stop = await followRekey(progress);
    try {
      const { recovery_key: key } = await api.newRecoveryKey(pass.input.value);
      pass.input.value = '';
      showNewKey(keyBox, key);
      result.textContent = 'A new recovery key is issued.';
    } catch (err) {
      result.textContent = err.code === 'wrong_passphrase' ? 'The passphrase is not right. Nothing was changed.' : err.message;
    } finally {
      stop();
      button.disabled = false;
    }
  });
  return [
    h('p', { text: 'If your recovery key may have been seen by someone else, or you have lost it, issue a new one. The old key stops working.' }),
    pass.wrap,
    button,
    progress,
    result,
    keyBox,
  ];
}

/** Change the passphrase: the current one, then the new one twice. */
function passphrasePanel() {
  const oldPass = field({ id: 'old-passphrase', label: 'Current passphrase', type: 'password', attrs: { autocomplete: 'current-password' } });
  const { pass: newPass, confirm: confirmPass, problem } = newPassphraseFields('new-passphrase');
  const passResult = h('p', { id: 'passphrase-result', role: 'status' });
  const progress = h('progress', { id: 'passphrase-progress', 'aria-label': 'Sealing your records under a new key' });
  progress.hidden = true;
  const keyBox = h('div', { id: 'passphrase-new-key' });
  const changeButton = h('button', { type: 'button', id: 'change-passphrase', class: 'button button-secondary', text: 'Change passphrase' });
  changeButton.addEventListener('click', async () => {
    passResult.textContent = '';
    const wrong = problem();
    if (wrong) {
      passResult.textContent = wrong.text;
      return;
    }
    changeButton.disabled = true;
    clear(keyBox);
    const stop = await followRekey(progress);
    try {
      const changed = await api.changePassphrase(oldPass.input.value, newPass.input.value);
      passResult.textContent = 'Passphrase changed. Use the new one next time you unlock.';
      if (changed?.recovery_key) showNewKey(keyBox, changed.recovery_key);
      for (const f of [oldPass, newPass, confirmPass]) f.input.value = '';
    } catch (err) {
      passResult.textContent = err.code === 'wrong_passphrase' ? 'The current passphrase is not right. Nothing was changed.' : err.message;
    } finally {
      stop();
      changeButton.disabled = false;
    }
  });
  return [oldPass.wrap, newPass.wrap, confirmPass.wrap, changeButton, progress, passResult, keyBox];
}
