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
    previousRatings: view.previous_ratings || [],
    reviewText: view.review_text,
    text: view.text,
    guidance: view.guidance,
    children,
    editable: assessment.status === 'draft' || assessment.status === 'amending',
    choice,
    ratings,
  };
}

const NO_CHILD_TEXT = {
  age: '',
  age_band: null,
  can_give_view: true,
  can_be_seen_alone: true,
  may_place_themselves: false,
  not_offered: [],
  not_offered_reason: '',
};

/**
 * The core's texts about a child (the view's `text.children`): age in words, age band id or null,
 * whether the child's view is asked for, whether the young person places themselves, and the
 * items not offered for the child with the reason why.
 */
export const childText = (state, child) => ({ ...NO_CHILD_TEXT, ...((state.text.children || []).find((x) => x.child_id === child.id) || {}) });

/** Whether the core offers `item` for `child` (it lists the items that do not apply to the child). */
export const offered = (state, child, item) => !childText(state, child).not_offered.includes(item.number);

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
    r = {
      item: item.number,
      subject,
      level: null,
      carer_level: null,
      evidence: '',
      impact: '',
      strengths: '',
      child_view: '',
      placements: [],
      per_child: [],
      share_level: false,
      shared_text: '',
      significant_harm: false,
    };
    state.ratings.set(key, r);
  }
  return r;
}

/**
 * How many of an area's items have a level for the chosen child (and the household), out of the
 * items offered for that child.
 */
export function progressOf(state, area) {
  const child = chosenChild(state);
  let done = 0;
  let total = 0;
  for (const item of area.items) {
    if (item.scope !== 'household' && child && !offered(state, child, item)) continue;
    total += 1;
    const s = subjectOf(state, item);
    if (!s) continue;
    const r = state.ratings.get(`${item.number}|${subjectKey(s)}`);
    if (r && r.level !== null && r.level !== undefined) done += 1;
  }
  return { done, total };
}

/** The key under which a rating's typed texts wait to be saved (one rating, one key). */
export const ratingSaveKey = (r) => `rating|${r.item}|${subjectKey(r.subject)}`;

/**
 * Send a rating as it is now (a copy, so later edits do not change what was sent). The rating is
 * the object the backend sent, with every field it had, so nothing it holds is lost.
 */
export const sendRating = (state, r) => api.saveRating(state.assessment.id, JSON.parse(JSON.stringify(r)));

/** Queue a save of a rating (the level and carer radios save at once). */
export const saveRating = (state, r) => save(() => sendRating(state, r));

/** Send one field of the assessment itself. */
export const patchAssessment = (state, key, value) => api.updateAssessment(state.assessment.id, { [key]: value });
