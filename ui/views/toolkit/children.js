// Every child individually on a household item: the household keeps one level, and each child
// the item applies to has their own impact, their own view (not for an unborn child), a young
// person's own placement (from the age the core says), a flag for possible significant harm and,
// behind "Set a different level for <name>", their own level with the reason it differs. A level
// set apart is saved only with its reason; once saved it shows beside the child's name.
//
// Ids (n is the child's place in the household, from 0): #child-on-<item>-<n> (the child's part),
//   #set-apart-level-<item>-<n> (the saved level beside the name), #child-impact-<item>-<n>,
//   #child-view-<item>-<n>, #child-harm-<item>-<n>, #set-apart-<item>-<n> (the button),
//   #set-apart-box-<item>-<n>, #child-level-<item>-<n>-<code>, #child-reason-<item>-<n>,
//   #child-level-error-<item>-<n>, #child-level-clear-<item>-<n>; and the young person's
//   placement (people.js).

import { guidanceBox } from './guidance.js';
import { append, checkbox, clear, field, h } from '../../dom.js';
import { autosave } from '../../session.js';
import { levelChip, youngPlacement } from './people.js';
import { childText, itemKey, offered, ratingSaveKey, saveRating, sendRating } from './state.js';

const isLevel = (x) => x !== null && x !== undefined;

/** The part of household item `item` (rating `r`) for each child it applies to. */
export function childrenOnItem(state, item, r) {
  const key = itemKey(item.number);
  const parts = state.children.map((c, n) => (offered(state, c, item) ? childPart(state, item, r, c, n) : null));
  return h(
    'section',
    { class: 'per-child', 'aria-labelledby': `per-child-title-${key}` },
    h('h4', { id: `per-child-title-${key}`, text: 'Each child' }),
    h('p', { class: 'hint', text: "The household's level is every child's unless you set a different level for one of them." }),
    parts,
  );
}

function childPart(state, item, r, c, n) {
  const { editable } = state;
  const key = itemKey(item.number);
  const ct = childText(state, c);
  const entryOf = () => (r.per_child || []).find((e) => e.child_id === c.id) || null;
  const ensure = () => {
    r.per_child = r.per_child || [];
    let e = entryOf();
    if (!e) {
      e = { child_id: c.id, impact: '', child_view: '', level: null, level_reason: '', significant_harm: false };
      r.per_child.push(e);
    }
    return e;
  };

  // The level set apart as last saved, beside the child's name.
  const badge = h('span', { class: 'set-apart-level', id: `set-apart-level-${key}-${n}` });
  const showBadge = () => {
    clear(badge);
    const e = entryOf();
    if (e && isLevel(e.level)) append(badge, 'Own level: ', levelChip(state, e.level));
  };
  showBadge();
  const afterSave = (p) =>
    p.then((x) => {
      showBadge();
      return x;
    });

  const text = (prop, id, label) => {
    const e = entryOf();
    const f = field({ id, label, multiline: true, value: e ? e[prop] : '', attrs: { disabled: !editable, rows: 2 } });
    f.input.addEventListener('input', () => {
      ensure()[prop] = f.input.value;
    });
    autosave(f.input, ratingSaveKey(r), () => sendRating(state, r));
    return f.wrap;
  };

  const harm = checkbox({
    id: `child-harm-${key}-${n}`,
    label: `Flag possible significant harm for ${c.name}`,
    checked: entryOf()?.significant_harm,
    disabled: !editable,
  });
  harm.input.addEventListener('change', () => {
    ensure().significant_harm = harm.input.checked;
    saveRating(state, r).catch(() => {});
  });

  return h(
    'section',
    { class: 'child-on-item', id: `child-on-${key}-${n}`, 'aria-labelledby': `child-on-title-${key}-${n}` },
    h('h5', { class: 'child-on-title', id: `child-on-title-${key}-${n}` }, h('span', { text: c.name }), ' ', badge),
    text('impact', `child-impact-${key}-${n}`, `Impact on ${c.name}: examples`),
    ct.can_give_view ? text('child_view', `child-view-${key}-${n}`, `${c.name}'s view, in their words`) : null,
    ct.can_give_view ? guidanceBox(state, { item: item.number, field: 'child_view', childId: c.id }, `${key}-child-view-${n}`) : null,
    youngPlacement(state, item, r, c, ct, n),
    setApart(state, item, r, c, n, { entryOf, ensure, afterSave }),
    harm.wrap,
  );
}

/** "Set a different level for <name>": the child's own level, saved only with its reason. */
function setApart(state, item, r, c, n, { entryOf, ensure, afterSave }) {
  const { definition: def, editable } = state;
  const key = itemKey(item.number);
  const boxId = `set-apart-box-${key}-${n}`;
  const start = entryOf();
  const box = h('div', { class: 'set-apart-box', id: boxId, hidden: !(start && isLevel(start.level)) });
  const toggle = h('button', {
    type: 'button',
    class: 'button button-secondary',
    id: `set-apart-${key}-${n}`,
    'aria-expanded': String(!box.hidden),
    'aria-controls': boxId,
    text: `Set a different level for ${c.name}`,
  });
  toggle.addEventListener('click', () => {
    box.hidden = !box.hidden;
    toggle.setAttribute('aria-expanded', String(!box.hidden));
  });

  // A level chosen before the reason is written waits here, and is saved with the reason.
  let waiting = null;
  const error = h('p', { class: 'error', id: `child-level-error-${key}-${n}`, role: 'alert' });
  const reason = field({
    id: `child-reason-${key}-${n}`,
    label: `Why ${c.name}'s level differs from the household's (required)`,
    multiline: true,
    value: start ? start.level_reason : '',
    attrs: { disabled: !editable, rows: 2, required: true },
  });
  const radios = h('div', { class: 'carer-options' });
  for (const l of def.scale.levels) {
    const id = `child-level-${key}-${n}-${l.code}`;
    const input = h('input', {
      type: 'radio',
      id,
      name: `child-level-${key}-${c.id}`,
      value: String(l.code),
      checked: Boolean(start) && start.level === l.code,
      disabled: !editable,
    });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      if (!reason.input.value.trim()) {
        waiting = l.code;
        error.textContent = `Write why ${c.name}'s level differs; the level is saved with the reason.`;
        reason.input.focus();
        return;
      }
      waiting = null;
      error.textContent = '';
      const e = ensure();
      e.level = l.code;
      e.level_reason = reason.input.value;
      afterSave(saveRating(state, r)).catch(() => {});
    });
    append(radios, h('div', { class: 'pill' }, input, h('label', { for: id, text: `${l.code} ${l.label}` })));
  }
  reason.input.addEventListener('input', () => {
    const e = ensure();
    e.level_reason = reason.input.value;
    if (isLevel(waiting) && reason.input.value.trim()) {
      e.level = waiting;
      waiting = null;
      error.textContent = '';
    }
  });
  autosave(reason.input, `${ratingSaveKey(r)}|reason|${c.id}`, () => afterSave(sendRating(state, r)));

  const clearLevel = () => {
    waiting = null;
    error.textContent = '';
    for (const x of radios.querySelectorAll('input')) x.checked = false;
    const e = entryOf();
    if (!e || !isLevel(e.level)) return;
    e.level = null;
    afterSave(saveRating(state, r)).catch(() => {});
  };
  const useHousehold = editable
    ? h('button', {
        type: 'button',
        class: 'button button-secondary',
        id: `child-level-clear-${key}-${n}`,
        text: `Use the household's level for ${c.name}`,
        on: { click: clearLevel },
      })
    : null;
  append(box, h('fieldset', { class: 'carer-group' }, h('legend', { text: `${c.name}'s own level` }), radios), reason.wrap, error, useHousehold);
  return h('div', { class: 'set-apart' }, toggle, box);
}
