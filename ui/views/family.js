// The Family view: the screen the practitioner turns round to show the family. It is drawn from
// the backend's `FamilyView` (ntk_core::family) and from nothing else: the descriptor cards, each
// carer's and young person's own placement and words, the practitioner's level only where it was
// shared, and the texts marked to share. It never asks for the assessment view, and while it is
// on the backend refuses every other command, so nothing else can reach this page.
//
// It has a frame of its own (the app's header, navigation, contacts and save indicator are not in
// the page) and one way out: "Leave the family view", which asks for the passphrase in a dialog.
//
// Stable ids: #family-frame, #family-banner, #family-main, #family-title, #family-leave,
// #family-leave-dialog, #family-leave-passphrase, #family-leave-error, #family-leave-submit,
// #family-leave-cancel, #family-item-<item>.

import * as api from '../api.js';
import { clear, field, h, iso } from '../dom.js';

/** The key used in element ids for an item number. */
const itemKey = (number) => String(number).replace(/[^A-Za-z0-9-]/g, '_');

/**
 * Build the whole frame for `view` (a `FamilyView`; null when it could not be had, with
 * `ctx.error` saying why). `ctx.onLeft()` is called once the backend has accepted the passphrase
 * and turned the Family view off.
 */
export function renderFamilyFrame(view, ctx) {
  const leave = leaveDialog(ctx);
  const leaveButton = h('button', { type: 'button', id: 'family-leave', class: 'button button-secondary', text: 'Leave the family view' });
  leaveButton.addEventListener('click', () => leave.open());
  return h(
    'div',
    { id: 'family-frame', class: 'family-frame' },
    h(
      'div',
      { class: 'family-top' },
      h(
        'div',
        { class: 'danger-bar', role: 'region', 'aria-label': 'Emergency help' },
        h('p', { class: 'danger-text' }, 'If a child is in immediate danger call ', h('strong', { text: '999' })),
      ),
      h(
        'header',
        { id: 'family-banner', class: 'family-banner' },
        h('p', { class: 'family-banner-text', text: 'This screen is being shown to the family' }),
        leaveButton,
      ),
    ),
    h(
      'main',
      { id: 'family-main', class: 'family-main', tabindex: '-1' },
      view
        ? familyPage(view)
        : [h('h1', { id: 'family-title', text: 'The family view' }), h('p', { class: 'error', role: 'alert', text: ctx.error?.message || '' })],
    ),
    leave.dialog,
  );
}

/** The page itself: a heading, then every area with its items. */
function familyPage(view) {
  const levels = new Map((view.levels || []).map((l) => [l.code, l]));
  const names = new Map([...(view.carers || []), ...(view.children || [])].map((p) => [p.id, p.name]));
  return [
    h('h1', { id: 'family-title' }, `${view.title}: `, iso(view.household_name)),
    h(
      'ul',
      { class: 'family-legend', 'aria-label': 'The levels' },
      (view.levels || []).map((l) => h('li', {}, h('strong', { text: `${l.code} ${l.label}` }), ` ${l.meaning}`)),
    ),
    (view.areas || []).filter((area) => area.items.length).map((area) => familyArea(area, levels, names)),
  ];
}

function familyArea(area, levels, names) {
  const id = `family-area-${itemKey(area.number)}`;
  return h(
    'section',
    { class: 'family-area', 'aria-labelledby': id },
    h('h2', { id, text: `${area.number}. ${area.title}` }),
    area.items.map((item) => familyItem(item, levels, names)),
  );
}

function familyItem(item, levels, names) {
  const key = itemKey(item.number);
  const several = item.cards.length > 1;
  return h(
    'section',
    { class: 'family-item', id: `family-item-${key}`, 'aria-labelledby': `family-item-title-${key}` },
    h('h3', { id: `family-item-title-${key}`, text: `${item.number} ${item.title}` }),
    item.cards.map((set) => cardSet(set, levels, names, several)),
    item.ratings.length
      ? h(
          'ul',
          { class: 'family-ratings' },
          item.ratings.map((r) => familyRating(r, levels, names)),
        )
      : null,
  );
}

/** One set of descriptor cards, with whom it is for when the item has more than one set. */
function cardSet(set, levels, names, several) {
  const who = set.child_ids.map((id) => names.get(id)).filter(Boolean);
  const label =
    several || set.band_label ? [who.length ? `For ${who.join(', ')}` : '', set.band_label ? `(${set.band_label})` : ''].filter(Boolean).join(' ') : '';
  return [
    label ? h('p', { class: 'family-for', text: label }) : null,
    h(
      'ol',
      { class: 'family-cards' },
      set.descriptors.map((d) => descriptorCard(d, levels.get(d.level))),
    ),
  ];
}

function descriptorCard(d, level) {
  const card = h(
    'li',
    { class: 'family-card' },
    h(
      'span',
      { class: 'level-head' },
      h('span', { class: 'level-num', text: String(d.level) }),
      level ? h('span', { class: 'level-label', text: level.label }) : null,
    ),
    h('span', { class: 'descriptor', text: d.text }),
  );
  if (level) card.style.setProperty('--band', level.colour);
  return card;
}

/** "N (label)" for a level code. */
function levelText(code, levels) {
  const level = levels.get(code);
  return level ? `${code} (${level.label})` : String(code);
}

/** What is shown of one rating: placements in their own words, a shared level, a shared text. */
function familyRating(r, levels, names) {
  const whose = r.child_id ? names.get(r.child_id) : null;
  return h(
    'li',
    { class: 'family-rating' },
    whose ? h('p', { class: 'family-whose', text: `For ${whose}` }) : null,
    r.placements.map((p) =>
      h(
        'div',
        { class: 'family-placement' },
        h('p', { class: 'family-placed', text: p.level ? `${p.name} placed themselves at ${levelText(p.level, levels)}` : `${p.name} did not choose a card` }),
        p.words ? h('blockquote', { class: 'family-words', dir: 'auto' }, h('p', { text: p.words })) : null,
      ),
    ),
    r.shared_level ? h('p', { class: 'family-shared-level', text: `The practitioner's level: ${levelText(r.shared_level, levels)}` }) : null,
    r.shared_text
      ? h(
          'div',
          { class: 'family-shared-text' },
          h('p', { class: 'family-shared-label', text: 'From the practitioner' }),
          h('p', { dir: 'auto', text: r.shared_text }),
        )
      : null,
  );
}

/** The dialog that asks for the passphrase before leaving; `open()` shows it. */
function leaveDialog(ctx) {
  const pass = field({
    id: 'family-leave-passphrase',
    label: 'Passphrase',
    type: 'password',
    hint: 'Only the practitioner can leave the family view.',
    attrs: { autocomplete: 'current-password', required: true },
  });
  const error = h('p', { id: 'family-leave-error', class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', id: 'family-leave-submit', class: 'button', text: 'Leave the family view' });
  const cancel = h('button', { type: 'button', id: 'family-leave-cancel', class: 'button button-secondary', text: 'Stay in the family view' });
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: 'family-leave-title', text: 'Leave the family view' }),
    h('p', { text: 'Type the passphrase to go back to the practitioner screens.' }),
    pass.wrap,
    error,
    h('div', { class: 'button-row' }, submit, cancel),
  );
  const dialog = h('dialog', { id: 'family-leave-dialog', 'aria-labelledby': 'family-leave-title' }, form);
  const reset = () => {
    pass.input.value = '';
    error.textContent = '';
    submit.disabled = false;
  };
  dialog.addEventListener('close', reset);
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    if (!pass.input.value) {
      error.textContent = 'Type the passphrase, then choose Leave the family view.';
      pass.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.leaveFamilyView(pass.input.value);
    } catch (err) {
      submit.disabled = false;
      error.textContent = err.code === 'wrong_passphrase' ? 'That passphrase is not right. The family view stays on.' : err.message;
      pass.input.value = '';
      pass.input.focus();
      return;
    }
    clear(error);
    dialog.close();
    await ctx.onLeft();
  });
  return {
    dialog,
    open: () => {
      reset();
      dialog.showModal();
      pass.input.focus();
    },
  };
}
