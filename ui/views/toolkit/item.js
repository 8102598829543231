// One item of an area (#item-<item>): whom it is for, in a review the level, evidence and impact
// last time (#previous-rating-<item>, from the core's view), the
// questions to talk through, the level cards (#level-<item>-<code>, 0 = not assessed) with any
// alerts, where each carer and a young person old enough place themselves (people.js), the
// texts (#evidence-, #impact-, #strengths-, #child-view-<item>), on a child's item how the child's
// view was heard with the interpretation apart (voice.js, #heard-<item>), on a household item each
// child individually (children.js), and what is shared with the family and the significant-harm flag
// (#share-level-<item>, #shared-text-<item>, #harm-<item>). An item that does not apply to the
// chosen child (dental care for an unborn baby) is not offered: only its title and the core's
// reason show (#not-offered-<item>). Then the item's priorities and targets (targets.js).

import { append, checkbox, clear, field, h, iso } from '../../dom.js';
import { autosave } from '../../session.js';
import { descriptorsFor } from './age.js';
import { childrenOnItem } from './children.js';
import { guidanceBox } from './guidance.js';
import { homeState, mismatch } from './home.js';
import { carerPlacements, youngPlacement } from './people.js';
import { childText, chosenChild, itemKey, offered, ratingFor, ratingSaveKey, saveRating, sendRating, subjectKey, subjectOf } from './state.js';
import { targetsForm } from './targets.js';
import { heardFields } from './voice.js';

/** The item's section. `onLevelChange()` is called after the practitioner's level changes. */
export function renderItem(state, item, onLevelChange) {
  const key = itemKey(item.number);
  const subject = subjectOf(state, item);
  const section = h('section', { class: 'item', id: `item-${key}`, 'aria-labelledby': `item-title-${key}` });
  append(section, h('h3', { id: `item-title-${key}`, text: `${item.number} ${item.title}` }));
  if (!subject) {
    append(section, h('p', { class: 'notice', text: 'Add a child to the household to rate this item.' }));
    return section;
  }
  const household = item.scope === 'household';
  const child = household ? null : chosenChild(state);
  if (child && !offered(state, child, item)) {
    append(section, h('p', { class: 'not-offered', id: `not-offered-${key}`, text: childText(state, child).not_offered_reason }));
    return section;
  }
  const r = ratingFor(state, item, subject);
  const ct = child ? childText(state, child) : null;
  const { descriptors, band } = descriptorsFor(state.definition, item, ct ? ct.age_band : null);
  append(section, scopeLine(item, child, band));
  const childId = child ? child.id : null;
  const guide = (fieldName) => guidanceBox(state, { item: item.number, field: fieldName, childId }, `${key}-${fieldName || 'item'}`);
  append(section, guide(null));
  if (state.previous) append(section, previousRating(state, item, child));
  if ((item.prompts || []).length) append(section, prompts(item));

  const alerts = alertsBox(item, r);
  append(
    section,
    levelChoice(state, item, r, descriptors, () => {
      alerts.show();
      saveRating(state, r).catch(() => {});
      onLevelChange();
    }),
  );
  alerts.show();
  append(section, alerts.box, carerPlacements(state, item, r), child ? youngPlacement(state, item, r, child, ct, null) : null);

  const text = (prop, idPrefix, label, hint) => ratingText(state, item, r, { prop, idPrefix, label, hint });
  const anyView = household ? state.children.some((c) => childText(state, c).can_give_view) : ct.can_give_view;
  append(
    section,
    text('evidence', 'evidence', 'Evidence for this level'),
    guide('evidence'),
    household
      ? text('impact', 'impact', 'Impact on the children: examples', "What has this meant for all of them day to day? Each child's own goes below.")
      : text('impact', 'impact', 'Impact on the child: examples', 'What has this meant for the child day to day?'),
    guide('impact'),
    text('strengths', 'strengths', 'Strengths seen'),
    guide('strengths'),
    anyView ? text('child_view', 'child-view', household ? "The children's view" : "The child's view") : null,
    anyView ? guide('child_view') : null,
    anyView && !household ? heardFields(state, { key, get: () => r, ensure: () => r, send: () => sendRating(state, r), saveKey: ratingSaveKey(r) }) : null,
    household ? childrenOnItem(state, item, r) : null,
    homeState(state, item, r),
    mismatch(state, item, r),
    sharing(state, item, r),
    targetsForm(state, item, subject),
  );
  return section;
}

/** What the family is shown of this item, and the practitioner's significant-harm flag. */
function sharing(state, item, r) {
  const { editable } = state;
  const key = itemKey(item.number);
  const share = checkbox({ id: `share-level-${key}`, label: 'Show my level to the family', checked: r.share_level, disabled: !editable });
  share.input.addEventListener('change', () => {
    r.share_level = share.input.checked;
    saveRating(state, r).catch(() => {});
  });
  const shared = ratingText(state, item, r, {
    prop: 'shared_text',
    idPrefix: 'shared-text',
    label: 'Text to share with the family',
    hint: 'For example a strength you have seen. The family sees this text and, only if you choose, your level.',
  });
  const harm = checkbox({
    id: `harm-${key}`,
    label: item.scope === 'household' ? 'Flag possible significant harm (for every child)' : 'Flag possible significant harm',
    checked: r.significant_harm,
    disabled: !editable,
  });
  harm.input.addEventListener('change', () => {
    r.significant_harm = harm.input.checked;
    saveRating(state, r).catch(() => {});
  });
  return h(
    'div',
    { class: 'item-extras' },
    h('fieldset', { class: 'share-group' }, h('legend', { text: 'Sharing with the family' }), share.wrap, shared),
    h('div', { class: 'harm-flag' }, harm.wrap),
  );
}

/** "Answered once for the whole household", or "For <child> (descriptors for <band>)". */
function scopeLine(item, child, band) {
  return h(
    'p',
    { class: 'item-scope' },
    item.scope === 'household'
      ? h('span', { class: 'badge', text: 'Answered once for the whole household' })
      : ['For ', iso(child.name), band ? ` (descriptors for ${band.label})` : ''],
  );
}

/**
 * In a review, the item as rated in the previous toolkit (the core's view.previous_ratings): the
 * level (#previous-<item>), the evidence and the impact; on a household item, each child whose
 * own level or impact differed from the household's.
 */
function previousRating(state, item, child) {
  const { definition: def } = state;
  const key = itemKey(item.number);
  const entryFor = (childId) => state.previousRatings.find((p) => p.item === item.number && (p.child_id || null) === childId);
  const levelWords = (e) => {
    const lvl = e && e.level !== null && e.level !== undefined ? def.scale.levels.find((l) => l.code === e.level) : null;
    return lvl ? `${lvl.code} ${lvl.label}` : def.scale.not_assessed_label.toLowerCase();
  };
  const entry = entryFor(child ? child.id : null);
  const line = (label, value) => (value?.trim() ? h('p', { class: 'previous-text' }, h('strong', { text: `${label}: ` }), value) : null);
  const others =
    item.scope === 'household' && entry
      ? state.children
          .map((c) => ({ c, e: entryFor(c.id) }))
          .filter(({ e }) => e && (e.level !== entry.level || e.impact !== entry.impact))
          .map(({ c, e }) =>
            h('li', {}, h('strong', {}, iso(c.name), ': '), levelWords(e), e.impact !== entry.impact && e.impact.trim() ? ['. ', iso(e.impact)] : ''),
          )
      : [];
  return h(
    'div',
    { class: 'previous-rating', id: `previous-rating-${key}` },
    h('p', { class: 'previous-level', id: `previous-${key}`, text: `Last toolkit: ${levelWords(entry)}` }),
    entry ? line('Evidence then', entry.evidence) : null,
    entry ? line('Impact then', entry.impact) : null,
    others.length ? h('ul', { class: 'previous-children' }, others) : null,
  );
}

function prompts(item) {
  return h(
    'details',
    { class: 'prompts' },
    h('summary', { text: 'Questions to talk through' }),
    h(
      'ul',
      {},
      item.prompts.map((p) => h('li', { text: p })),
    ),
  );
}

/** The item's alerts that the rating's level reaches; `show()` redraws them. */
function alertsBox(item, r) {
  const box = h('div', { class: 'alerts', 'aria-live': 'polite' });
  const show = () => {
    clear(box);
    for (const al of item.alerts || []) {
      if (r.level !== null && r.level >= al.when_level_at_least) {
        append(box, h('div', { class: 'alert', role: 'note' }, h('p', { class: 'alert-title', text: al.title }), h('p', { text: al.text })));
      }
    }
  };
  return { box, show };
}

/** The practitioner's level: one card per level of the scale, plus "not assessed" (code 0). */
function levelChoice(state, item, r, descriptors, onChange) {
  const { definition: def, editable } = state;
  const key = itemKey(item.number);
  const groupName = `level-${key}-${subjectKey(r.subject)}`;
  const cards = h('div', { class: 'cards' });
  const options = [...def.scale.levels.map((l) => ({ code: l.code, level: l })), { code: 0, level: null }];
  for (const opt of options) {
    const id = `level-${key}-${opt.code}`;
    const checked = opt.code === 0 ? r.level === null || r.level === undefined : r.level === opt.code;
    const input = h('input', { type: 'radio', class: 'card-radio', id, name: groupName, value: String(opt.code), checked, disabled: !editable });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      r.level = opt.code === 0 ? null : opt.code;
      onChange();
    });
    input.addEventListener('keydown', (ev) => chooseOnEnter(ev, input, editable));
    const desc = opt.level ? (descriptors.find((d) => d.level === opt.code) || { text: '' }).text : '';
    append(cards, h('div', { class: 'card-option' }, input, levelCard(id, opt.level, desc, def.scale.not_assessed_label)));
  }
  return h('fieldset', { class: 'level-group' }, h('legend', { text: `Level for ${item.number} ${item.title}` }), cards);
}

/** Enter on a level radio chooses it, as Space does. */
function chooseOnEnter(ev, input, editable) {
  if (ev.key === 'Enter' && !input.checked && editable) {
    ev.preventDefault();
    input.checked = true;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/** The label of one level radio: number, name and descriptor, in the level's colour. */
function levelCard(id, level, desc, notAssessedLabel) {
  const label = h(
    'label',
    { for: id, class: level ? 'level-card' : 'level-card level-card-none' },
    h(
      'span',
      { class: 'level-head' },
      level ? h('span', { class: 'level-num', text: String(level.code) }) : null,
      h('span', { class: 'level-label', text: level ? level.label : notAssessedLabel }),
    ),
    desc ? h('span', { class: 'descriptor', text: desc }) : null,
  );
  if (level) label.style.setProperty('--band', level.colour);
  return label;
}

/** A text of the rating (`prop`), saved as it is typed; the field's id is `<idPrefix>-<item>`. */
function ratingText(state, item, r, { prop, idPrefix, label, hint }) {
  const f = field({ id: `${idPrefix}-${itemKey(item.number)}`, label, multiline: true, value: r[prop] || '', hint, attrs: { disabled: !state.editable } });
  autosave(f.input, ratingSaveKey(r), () => {
    r[prop] = f.input.value;
    return sendRating(state, r);
  });
  f.input.addEventListener('input', () => {
    r[prop] = f.input.value;
  });
  return f.wrap;
}
