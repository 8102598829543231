// What the toolkit screen knows about one assessment while it is open, and how it saves: the
// ratings by item and subject, the chosen child and section, and the keys used in element ids.

import * as api from '../../api.js';
import { save } from '../../session.js';

/** Remembered choice of child and section per assessment while the app is open. */
const remembered = new Map();

/** The key used in element ids for an item number. */
export const itemKey = (number) => String(number).replace(/[^A-Za-z0-9-]/g, '_');

/** The key of a rating's subject: 'household', or the child's id. */
export const subjectKey = (s) => (s.kind === 'household' ? 'household' : s.child_id);

/**
 * The state of the toolkit screen for the backend's assessment view: the assessment, its
 * definition and household, the previous toolkit in a review, whether it can be edited, and
 * `choice` ({ child, section }, remembered per assessment).
 */
export function toolkitState(view) {
  const assessment = view.assessment;
  const definition = view.definition;
  const children = view.household.children || [];
  const choice = remembered.get(assessment.id) || { child: 0, section: definition.areas.length ? definition.areas[0].number : 'context' };
  remembered.set(assessment.id, choice);
  if (choice.child >= children.length) choice.child = 0;
  const ratings = new Map();
  for (const r of assessment.ratings || []) ratings.set(`${r.item}|${subjectKey(r.subject)}`, r);
  return {
    assessment,
    definition,
    household: view.household,
    previous: view.previous,
    text: view.text,
    children,
    editable: assessment.status === 'draft' || assessment.status === 'amending',
    choice,
    ratings,
  };
}

/** The core's texts about a child: `{ age, age_band }` (age in words, age band id or null). */
export const childText = (state, child) => (state.text.children || []).find((x) => x.child_id === child.id) || { age: '', age_band: null };

/** The child chosen in the child bar, if there is one. */
export const chosenChild = (state) => state.children[state.choice.child];

/** Who an item is rated for: the household, the chosen child, or null when there is no child. */
export function subjectOf(state, item) {
  if (item.scope === 'household') return { kind: 'household' };
  const child = chosenChild(state);
  return child ? { kind: 'child', child_id: child.id } : null;
}

/** The rating of an item for a subject, made (unrated) if there is none yet. */
export function ratingFor(state, item, subject) {
  const key = `${item.number}|${subjectKey(subject)}`;
  let r = state.ratings.get(key);
  if (!r) {
    r = { item: item.number, subject, level: null, carer_level: null, evidence: '', impact: '', strengths: '', child_view: '' };
    state.ratings.set(key, r);
  }
  return r;
}

/** How many of an area's items have a level for the chosen child (and the household). */
export function progressOf(state, area) {
  let done = 0;
  for (const item of area.items) {
    const s = subjectOf(state, item);
    if (!s) continue;
    const r = state.ratings.get(`${item.number}|${subjectKey(s)}`);
    if (r && r.level !== null && r.level !== undefined) done += 1;
  }
  return { done, total: area.items.length };
}

/** Send a rating as it is now (a copy, so later edits do not change what was sent). */
export const sendRating = (state, r) => api.saveRating(state.assessment.id, JSON.parse(JSON.stringify(r)));

/** Queue a save of a rating (the level and carer radios save at once). */
export const saveRating = (state, r) => save(() => sendRating(state, r));

/** Send one field of the assessment itself. */
export const patchAssessment = (state, key, value) => api.updateAssessment(state.assessment.id, { [key]: value });
