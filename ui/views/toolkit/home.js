// The home on an item the definition marks about_home (#home-usual-<item>-<code>,
// #home-help-<item>, #home-parents-<item>) and, on any item, the flag for an explanation that
// does not match what was observed with its note (#mismatch-<item>, #mismatch-note-<item>). The
// words of the choices come from the core (view.text.home).

import { checkbox, field, h } from '../../dom.js';
import { autosave } from '../../session.js';
import { itemKey, ratingSaveKey, saveRating, sendRating } from './state.js';

/** The home's usual state and outside help, for an item about the home; null otherwise. */
export function homeState(state, item, r) {
  if (!item.about_home) return null;
  const key = itemKey(item.number);
  const { editable } = state;
  const home = () => {
    r.home = r.home || { usual: null, outside_help: false, parents_contributed: false };
    return r.home;
  };
  const choices = (state.text.home?.usual || []).map((c) => {
    const id = `home-usual-${key}-${c.code}`;
    const input = h('input', { type: 'radio', id, name: `home-usual-${key}`, value: c.code, checked: r.home?.usual === c.code, disabled: !editable });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      home().usual = c.code;
      saveRating(state, r).catch(() => {});
    });
    return h('div', { class: 'radio-row' }, input, h('label', { for: id, text: c.label }));
  });
  const help = checkbox({
    id: `home-help-${key}`,
    label: "Help from outside the family produced today's state",
    checked: r.home?.outside_help,
    disabled: !editable,
  });
  const parents = checkbox({
    id: `home-parents-${key}`,
    label: 'The parents took part in that help',
    checked: r.home?.parents_contributed,
    disabled: !editable,
  });
  help.input.addEventListener('change', () => {
    home().outside_help = help.input.checked;
    if (!help.input.checked) {
      home().parents_contributed = false;
      parents.input.checked = false;
    }
    saveRating(state, r).catch(() => {});
  });
  parents.input.addEventListener('change', () => {
    home().parents_contributed = parents.input.checked;
    if (parents.input.checked) {
      home().outside_help = true;
      help.input.checked = true;
    }
    saveRating(state, r).catch(() => {});
  });
  return h('fieldset', { class: 'home-group', id: `home-${key}` }, h('legend', { text: 'The home as it usually is' }), choices, help.wrap, parents.wrap);
}

/** The mismatch flag and its note; the flag is saved with the note (a note is required). */
export function mismatch(state, item, r) {
  const key = itemKey(item.number);
  const flag = checkbox({
    id: `mismatch-${key}`,
    label: 'An explanation does not match what I observed',
    checked: Boolean(r.mismatch),
    disabled: !state.editable,
  });
  const note = field({
    id: `mismatch-note-${key}`,
    label: 'What was said, and what was seen',
    multiline: true,
    value: r.mismatch?.note || '',
    attrs: { disabled: !state.editable },
  });
  note.wrap.hidden = !r.mismatch && !flag.input.checked;
  flag.input.addEventListener('change', () => {
    note.wrap.hidden = !flag.input.checked;
    if (!flag.input.checked) {
      r.mismatch = null;
      saveRating(state, r).catch(() => {});
    }
  });
  autosave(note.input, `${ratingSaveKey(r)}|mismatch`, () => {
    r.mismatch = note.input.value.trim() ? { note: note.input.value } : null;
    return sendRating(state, r);
  });
  return h('div', { class: 'mismatch-group' }, flag.wrap, note.wrap);
}
