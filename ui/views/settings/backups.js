// Settings: automatic backups (the folder, the generations kept, restore) and the households
// erased from this vault. The words of notices, reasons and the restore come from the core.
//
// Stable ids:
//   #backup-folder (text input, empty = beside the vault), #save-backup-folder,
//   #backup-folder-error (role=alert), #backup-notice (role=alert, only when an automatic
//   backup failed), #backup-list (li.backup-generation[data-path], each with
//   button.restore-generation), #restore-passphrase, #restore-file, #restore-status
//   (role=status), #erased-list (li.erased-household[data-tombstone]).

import * as api from '../../api.js';
import { append, clear, clockTime, field, h, longDate } from '../../dom.js';
import { save, session } from '../../session.js';

/** A size in bytes for people: 240 KB, 1.4 MB. */
export function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The backups panel, drawn from `backups` (`get_backups`) and the saved `settings`. */
export function backupsPanel(backups, settings) {
  const folderError = h('p', { id: 'backup-folder-error', class: 'error', role: 'alert' });
  const notice = h('p', { id: 'backup-notice', class: 'warning', role: 'alert', hidden: true });
  const where = h('p', { class: 'hint' });
  const list = h('ul', { id: 'backup-list', class: 'backup-list' });
  const status = h('p', { id: 'restore-status', role: 'status' });
  const pass = field({
    id: 'restore-passphrase',
    label: 'Passphrase of the backup (the one in use when it was made)',
    type: 'password',
    attrs: { autocomplete: 'current-password' },
  });
  const folder = field({
    id: 'backup-folder',
    label: 'Folder for backups (an encrypted USB stick or a network drive); leave empty for the folder beside the vault',
    value: settings.backup_dir || '',
  });

  const restore = async (path) => {
    status.textContent = '';
    if (!pass.input.value) {
      status.textContent = 'Type the passphrase of the backup first. Nothing was restored.';
      pass.input.focus();
      return;
    }
    for (const b of document.querySelectorAll('.restore-generation, #restore-file')) b.disabled = true;
    try {
      const r = await api.restoreBackup(pass.input.value, path);
      pass.input.value = '';
      status.textContent = r.kept_at ? `Restored. ${r.kept_text} ${r.kept_at}` : 'Restored.';
      draw(await api.getBackups());
    } catch (err) {
      status.textContent = err.code === 'cancelled' ? 'Restore cancelled. Nothing was changed.' : `Not restored: ${err.message}`;
    } finally {
      for (const b of document.querySelectorAll('.restore-generation, #restore-file')) b.disabled = false;
    }
  };

  const draw = (b) => {
    where.textContent = `Backups are made when the app locks, once a day and before a toolkit is completed. The newest ${b.kept} are kept in ${b.folder}.`;
    notice.hidden = !b.notice;
    notice.textContent = b.notice || '';
    clear(list);
    if (!b.generations.length) append(list, h('li', { class: 'empty', text: 'No backup has been made yet.' }));
    for (const g of b.generations) {
      const when = `${longDate(String(g.made_at).slice(0, 10))} at ${clockTime(g.made_at).slice(0, 5)}`;
      append(
        list,
        h(
          'li',
          { class: 'backup-generation', 'data-path': g.path },
          h('span', { class: 'backup-when', text: when }),
          h('span', { class: 'hint', text: ` ${sizeText(g.size)}` }),
          h('button', {
            type: 'button',
            class: 'button button-secondary restore-generation',
            text: 'Restore this backup',
            'aria-label': `Restore this backup, of ${when}`,
            on: { click: () => restore(g.path) },
          }),
        ),
      );
    }
  };
  draw(backups);

  const saveFolder = h('button', { type: 'button', id: 'save-backup-folder', class: 'button button-secondary', text: 'Use this folder' });
  saveFolder.addEventListener('click', async () => {
    folderError.textContent = '';
    const next = { ...session.settings, backup_dir: folder.input.value.trim() || null };
    try {
      await save(() => api.saveSettings(next));
      Object.assign(session.settings, next);
      draw(await api.getBackups());
    } catch (err) {
      folderError.textContent = `Not saved: ${err.message}`;
    }
  });
  const fromFile = h('button', { type: 'button', id: 'restore-file', class: 'button button-secondary', text: 'Restore from a file...' });
  fromFile.addEventListener('click', () => restore(null));

  return [
    where,
    notice,
    folder.wrap,
    folderError,
    h('div', { class: 'button-row' }, saveFolder),
    h('h3', { text: 'Backups kept' }),
    list,
    h('h3', { text: 'Restore' }),
    h('p', {
      class: 'hint',
      text: 'A backup is checked before anything is replaced. The vault as it is now is kept beside it, never deleted, and the backup is opened in its place.',
    }),
    pass.wrap,
    h('div', { class: 'button-row' }, fromFile),
    status,
  ];
}

/** The households erased from this vault: what stays of each (no names). */
export function erasedPanel(erasures) {
  const list = h('ul', { id: 'erased-list', class: 'erased-list' });
  if (!erasures.erased.length) append(list, h('li', { class: 'empty', text: 'No household has been erased.' }));
  for (const e of erasures.erased) {
    const counts = `${e.assessments} toolkits, ${e.ratings} ratings`;
    append(
      list,
      h(
        'li',
        { class: 'erased-household', 'data-tombstone': e.id },
        h('span', { text: `${longDate(e.erased_on)}: ${e.reason_text}` }),
        e.note ? h('span', { class: 'hint', text: ` (${e.note})` }) : null,
        h('span', { class: 'hint', text: ` ${counts}` }),
      ),
    );
  }
  return [
    h('p', { class: 'hint', text: 'What stays of each household taken out of this vault: when, why and how many records went. Nothing that names anyone.' }),
    list,
  ];
}
