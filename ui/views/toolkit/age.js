// A child's age and what follows from it: the age shown beside the name, and which descriptors
// (age-banded or general) an item shows. Kept together so that taking these from the core is a
// change to this file alone.

import { longDate, today } from '../../dom.js';

/** Age in whole months on a date, or null for unborn/unknown. */
export function ageMonths(birth, on = today()) {
  if (birth?.kind !== 'born' || !birth.date) return null;
  const [y, m, d] = birth.date.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  if (on < birth.date) return null;
  let months = (oy - y) * 12 + (om - m);
  if (od < d) months -= 1;
  return Math.max(0, months);
}

/** The age shown beside a child's name ("unborn, expected ...", "18 months", "7 years"), or ''. */
export function ageText(birth) {
  if (birth?.kind === 'expected') return `unborn, expected ${longDate(birth.date)}`;
  const months = ageMonths(birth);
  if (months === null) return '';
  return months < 24 ? `${months} months` : `${Math.floor(months / 12)} years`;
}

/** The descriptors to show for an item and an age (the definition's age bands, else general). */
export function descriptorsFor(def, item, months) {
  if (months !== null && months !== undefined) {
    const band = (def.age_bands || []).find((b) => months >= b.from_months && (b.to_months === undefined || b.to_months === null || months < b.to_months));
    if (band) {
      const ad = (item.age_descriptors || []).find((x) => x.band === band.id);
      if (ad) return { descriptors: ad.descriptors, band };
    }
  }
  return { descriptors: item.descriptors, band: null };
}
