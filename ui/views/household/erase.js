// The household screen's danger zone: erase the household, with a reason and its name typed to
// confirm. The warning and the reasons are the core's words (`get_erasures`); the core checks
// the confirmation, the reason and the note again.
//
// Stable ids: #erase-reason (select), #erase-note, #erase-confirm-name, #erase-household
// (disabled until the name typed matches), #erase-error (role=alert).

import * as api from '../../api.js';
import { append, field, h } from '../../dom.js';
import { limits } from '../../components/limits.js';
import { save } from '../../session.js';

/** The danger zone for the stored household `hh`, drawn from `erasures` (`get_erasures`). */
export function erasePanel(hh, erasures) {
  const error = h('p', { id: 'erase-error', class: 'error', role: 'alert' });
  const reasonSelect = h('select', { id: 'erase-reason' }, h('option', { value: '', text: 'Choose a reason' }));
  for (const r of erasures.reasons) append(reasonSelect, h('option', { value: r.code, text: r.text }));
  const reason = h('div', { class: 'field' }, h('label', { for: 'erase-reason', text: 'Why erase it?' }), reasonSelect);
  const note = field({
    id: 'erase-note',
    label: 'A note on the reason (needed when none of the list fits); do not name anyone, it stays after the erasure',
    attrs: { maxlength: limits().erase_note_max_chars },
  });
  const confirm = field({ id: 'erase-confirm-name', label: `Type the household's name, ${hh.name}, to confirm` });
  const button = h('button', { type: 'button', id: 'erase-household', class: 'button button-danger', text: 'Erase this household', disabled: true });
  const ready = () => {
    button.disabled = confirm.input.value.trim() !== hh.name.trim() || !reasonSelect.value;
  };
  confirm.input.addEventListener('input', ready);
  reasonSelect.addEventListener('change', ready);
  button.addEventListener('click', async () => {
    error.textContent = '';
    button.disabled = true;
    try {
      await save(() => api.eraseHousehold(hh.id, confirm.input.value, reasonSelect.value, note.input.value));
      location.hash = '#/households';
    } catch (err) {
      error.textContent = `Not erased: ${err.message}`;
      ready();
    }
  });
  return h(
    'section',
    { class: 'panel danger-zone', 'aria-labelledby': 'erase-title' },
    h('h2', { id: 'erase-title', text: 'Erase this household' }),
    h('p', { class: 'warning', text: erasures.warning }),
    reason,
    note.wrap,
    confirm.wrap,
    h('div', { class: 'button-row' }, button),
    error,
  );
}
