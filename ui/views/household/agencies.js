// The other agencies involved with a household (agency, role, worker's name, contact), edited on
// the household screen and saved with the household.
//
// Stable ids (n counts from 0): #agencies (the list), #agency-agency-n, #agency-role-n,
// #agency-name-n, #agency-contact-n, #remove-agency-n, #add-agency.

import { h, append, clear, field } from '../../dom.js';

const FIELDS = [
  ['agency', 'Agency', 'For example a school, a GP practice or the housing team.'],
  ['role', 'Role', 'For example School nurse, Housing officer.'],
  ['name', 'Name of the worker', null],
  ['contact', 'Telephone or email', null],
];

/**
 * The "Other agencies involved" panel. `bindText(input, set)` saves after typing, `changed()`
 * saves after a structural change, and `removeButton(id, label, onConfirm)` makes a button that
 * asks twice.
 */
export function agenciesPanel(hh, { bindText, changed, removeButton }) {
  hh.agencies = Array.isArray(hh.agencies) ? hh.agencies : [];
  const box = h('div', { id: 'agencies', class: 'people' });
  const draw = () => {
    clear(box);
    hh.agencies.forEach((a, n) => {
      const fields = FIELDS.map(([key, label, hint]) => {
        const x = field({ id: `agency-${key}-${n}`, label, value: a[key] || '', hint });
        bindText(x.input, (v) => {
          a[key] = v;
        });
        return x.wrap;
      });
      append(
        box,
        h(
          'fieldset',
          { class: 'person' },
          h('legend', { text: a.agency || a.name ? `Agency: ${a.agency || a.name}` : `Agency ${n + 1}` }),
          fields,
          removeButton(`remove-agency-${n}`, `Remove agency ${a.agency || a.name || n + 1}`, () => {
            hh.agencies.splice(n, 1);
            draw();
            changed();
          }),
        ),
      );
    });
  };
  draw();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'agencies-title' },
    h('h2', { id: 'agencies-title', text: 'Other agencies involved' }),
    h('p', { class: 'hint', text: 'Who else works with this family. Printed on the summary sheet.' }),
    box,
    h('button', {
      type: 'button',
      id: 'add-agency',
      class: 'button button-secondary',
      text: 'Add an agency',
      on: {
        click: () => {
          hh.agencies.push({ agency: '', role: '', name: '', contact: '' });
          draw();
          document.getElementById(`agency-agency-${hh.agencies.length - 1}`).focus();
        },
      },
    }),
  );
}
