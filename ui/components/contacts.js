// The editor of the partnership's contacts (shown under "Contacts" on every screen), used at
// set-up and in settings. Ids: #contact-name-n, #contact-phone-n, #contact-desc-n,
// #remove-contact-n, #add-contact.

import { append, clear, field, h } from '../dom.js';

/**
 * An editor for the contacts list. Returns { fieldset, read } where `read()` gives the
 * contacts as entered. `onChange` is called after any edit.
 */
export function contactsEditor(initial, onChange = () => {}) {
  const contacts = (initial || []).map((c) => ({ id: c.id || '', name: c.name || '', phone: c.phone || '', description: c.description || '' }));
  const box = h('div', { class: 'people' });
  const draw = () => {
    clear(box);
    contacts.forEach((c, n) => {
      append(
        box,
        contactFieldset(c, n, onChange, () => {
          contacts.splice(n, 1);
          draw();
          onChange();
        }),
      );
    });
  };
  draw();
  const add = () => {
    contacts.push({ id: `contact-${Date.now().toString(36)}`, name: '', phone: '', description: '' });
    draw();
    document.getElementById(`contact-name-${contacts.length - 1}`).focus();
    onChange();
  };
  const fieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', { text: "Your partnership's contacts" }),
    h('p', { class: 'hint', text: 'Shown under "Contacts" at the top of every screen, after 999.' }),
    box,
    h('button', { type: 'button', id: 'add-contact', class: 'button button-secondary', text: 'Add a contact', on: { click: add } }),
  );
  const read = () => contacts.map((c) => ({ ...c }));
  return { fieldset, read };
}

/** One contact's fields; typing writes straight into `contact`. */
function contactFieldset(contact, n, onChange, onRemove) {
  const input = (key, prop, label, type = 'text') => {
    const x = field({ id: `contact-${key}-${n}`, label, type, value: contact[prop] });
    x.input.addEventListener('input', () => {
      contact[prop] = x.input.value;
      onChange();
    });
    return x.wrap;
  };
  return h(
    'fieldset',
    { class: 'person' },
    h('legend', { text: contact.name || `Contact ${n + 1}` }),
    input('name', 'name', 'Name, for example Multi-Agency Safeguarding Hub'),
    input('phone', 'phone', 'Telephone', 'tel'),
    input('desc', 'description', 'When to call'),
    h('button', {
      type: 'button',
      id: `remove-contact-${n}`,
      class: 'button button-danger',
      text: `Remove ${contact.name || `contact ${n + 1}`}`,
      on: { click: onRemove },
    }),
  );
}
