// Where each person places themselves on an item, each beside their own words: one group per carer
// of the household, and a young person's own when the core says the child is old enough
// (`text.children[].may_place_themselves`). A placement recorded before carers were named (the
// rating's `carer_level`) shows as the unnamed carer's until a named carer's is recorded.
//
// Ids (item numbers with "_" for "."; k counts the household's carers from 0; n the children):
//   #carer-<item>-<code> (the first carer; 0 = not asked), #carer-<item>-<code>-<k> (carer k >= 1),
//   #carer-words-<item>-<k>; #legacy-carer-<item>;
//   the young person on a child item: #young-<item>-<code>, #young-words-<item>;
//   on a household item, child n: #young-<item>-<n>-<code>, #young-words-<item>-<n>.

import { append, clear, field, h } from '../../dom.js';
import { autosave } from '../../session.js';
import { itemKey, ratingSaveKey, saveRating, sendRating, subjectKey } from './state.js';

const sameBy = (a, b) => a.kind === b.kind && (a.kind === 'carer' ? a.carer_id === b.carer_id : a.child_id === b.child_id);
const isLevel = (x) => x !== null && x !== undefined;

/** The placement of `by` on rating `r`, or null. */
export function placementOf(r, by) {
  return (r.placements || []).find((p) => sameBy(p.by, by)) || null;
}

/** The placement of `by` on rating `r`, made (no level, no words) if there is none yet. */
function ensurePlacement(r, by) {
  r.placements = r.placements || [];
  let p = placementOf(r, by);
  if (!p) {
    p = { by, level: null, words: '' };
    r.placements.push(p);
  }
  return p;
}

/** A level as a chip in the scale's colour, with the ink the core chose for it. */
export function levelChip(state, code) {
  const l = (state.text.levels || []).find((x) => x.code === code);
  if (!l) return h('span', { class: 'chip chip-none', text: String(code) });
  const chip = h('span', { class: 'chip' }, h('span', { class: 'chip-num', text: String(l.code) }), ` ${l.label}`);
  chip.style.backgroundColor = l.fill;
  chip.style.color = l.ink;
  return chip;
}

/**
 * One person's placement: radios for each level and "Not asked" (code 0), then their own words.
 * `radioId(code)` names each radio; `onChange()` runs after a level is chosen.
 */
function placementGroup(state, r, { by, radioId, groupName, legend, wordsId, wordsLabel, onChange }) {
  const { definition: def, editable } = state;
  const current = placementOf(r, by);
  const row = h('div', { class: 'carer-options' });
  const options = [...def.scale.levels.map((l) => ({ code: l.code, label: `${l.code} ${l.label}` })), { code: 0, label: 'Not asked' }];
  for (const opt of options) {
    const id = radioId(opt.code);
    const level = current ? current.level : null;
    const checked = opt.code === 0 ? !isLevel(level) : level === opt.code;
    const input = h('input', { type: 'radio', id, name: groupName, value: String(opt.code), checked, disabled: !editable });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      const code = opt.code === 0 ? null : opt.code;
      if (code === null && !placementOf(r, by)) return;
      ensurePlacement(r, by).level = code;
      saveRating(state, r).catch(() => {});
      if (onChange) onChange();
    });
    append(row, h('div', { class: 'pill' }, input, h('label', { for: id, text: opt.label })));
  }
  const words = field({ id: wordsId, label: wordsLabel, multiline: true, value: current ? current.words : '', attrs: { disabled: !editable, rows: 2 } });
  words.input.addEventListener('input', () => {
    ensurePlacement(r, by).words = words.input.value;
  });
  autosave(words.input, ratingSaveKey(r), () => sendRating(state, r));
  return h('div', { class: 'placement' }, h('fieldset', { class: 'carer-group' }, h('legend', { text: legend }), row), words.wrap);
}

/** Every carer's placement on `r`, and the unnamed carer's from before carers were named. */
export function carerPlacements(state, item, r) {
  const key = itemKey(item.number);
  const carers = state.household.carers || [];
  const legacy = h('div', { class: 'legacy-box' });
  const showLegacy = () => {
    clear(legacy);
    const named = (r.placements || []).some((p) => p.by.kind === 'carer' && isLevel(p.level));
    if (isLevel(r.carer_level) && !named) {
      append(legacy, h('p', { class: 'legacy-placement', id: `legacy-carer-${key}` }, `${state.text.unnamed_carer}: `, levelChip(state, r.carer_level)));
    }
  };
  showLegacy();
  const groups = carers.map((c, k) =>
    placementGroup(state, r, {
      by: { kind: 'carer', carer_id: c.id },
      radioId: (code) => (k === 0 ? `carer-${key}-${code}` : `carer-${key}-${code}-${k}`),
      groupName: `carer-${key}-${subjectKey(r.subject)}-${k}`,
      legend: `Where would ${c.name} place themselves?`,
      wordsId: `carer-words-${key}-${k}`,
      wordsLabel: `${c.name}'s own words`,
      onChange: showLegacy,
    }),
  );
  return h(
    'div',
    { class: 'placements' },
    legacy,
    groups.length ? groups : h('p', { class: 'hint', text: "Add the household's carers on the household page to record where each places themselves." }),
  );
}

/**
 * The young person's own placement on `r`, if the core says `child` is old enough; `n` is the
 * child's place in the household on a household item, null on the child's own item.
 */
export function youngPlacement(state, item, r, child, childText, n) {
  if (!childText.may_place_themselves) return null;
  const key = itemKey(item.number);
  const tail = n === null ? '' : `-${n}`;
  return placementGroup(state, r, {
    by: { kind: 'child', child_id: child.id },
    radioId: (code) => `young-${key}${tail}-${code}`,
    groupName: `young-${key}-${subjectKey(r.subject)}-${child.id}`,
    legend: `Where would ${child.name} place themselves?`,
    wordsId: `young-words-${key}${tail}`,
    wordsLabel: `${child.name}'s own words`,
  });
}
