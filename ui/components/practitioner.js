// The practitioner's own details (name, role, agency, telephone, email), entered at set-up and
// changed in settings. Their ids are #practitioner-<key>.

import { field, h } from '../dom.js';

const PRACTITIONER_FIELDS = [
  ['name', 'Your name'],
  ['role', 'Role', 'For example Health visitor.'],
  ['agency', 'Agency', 'For example Community health.'],
  ['phone', 'Telephone', null, 'tel'],
  ['email', 'Email', null, 'email'],
];

/** The practitioner's details as a fieldset. Returns { fieldset, inputs }. */
export function practitionerFields(p) {
  const inputs = {};
  const fieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', { text: 'Your details' }),
    PRACTITIONER_FIELDS.map(([key, label, hint, type]) => {
      const f = field({ id: `practitioner-${key}`, label, hint, type: type || 'text', value: p[key] || '' });
      inputs[key] = f.input;
      return f.wrap;
    }),
  );
  return { fieldset, inputs };
}

/** Read the practitioner's details back from `practitionerFields`. */
export function readPractitioner({ inputs }) {
  const out = {};
  for (const [key] of PRACTITIONER_FIELDS) out[key] = inputs[key].value;
  return out;
}
