// Which descriptors (age-banded or general) an item shows for a child. The child's age band is
// chosen by the core (the assessment view's `text.children`), never computed here.

/** The descriptors to show for an item and a child's age band id (from the core's view text). */
export function descriptorsFor(def, item, bandId) {
  const band = bandId ? (def.age_bands || []).find((b) => b.id === bandId) : null;
  const ad = band ? (item.age_descriptors || []).find((x) => x.band === band.id) : null;
  return ad ? { descriptors: ad.descriptors, band } : { descriptors: item.descriptors, band: null };
}
