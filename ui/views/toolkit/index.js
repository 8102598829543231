// The toolkit itself: area by area and item by item. Each level's descriptor is a card to choose
// (age-banded for the chosen child where the definition says so); each carer's own placement and
// words, a young person's own (from the age the core says), evidence, impact on the child,
// strengths and the child's view sit under it. A household item is rated once for all children,
// then each child individually: their impact and view, and a level set apart with its reason.
// Items that do not apply to the chosen child (an unborn baby's dental care) are not offered. A
// first section holds the visits, background, poverty context, overall views and notes.
//
// Files: index.js (the page and what redraws what), nav.js (child and section choosers),
// area.js, item.js (one item's level cards, texts, sharing and the significant-harm flag),
// people.js (each person's own placement), children.js (each child on a household item),
// context.js and visits.js (the first section), state.js (ratings, progress and saving), age.js
// (ages and age bands).
//
// Stable ids (item numbers have their dots replaced by "_", so 5.2 -> 5_2; n counts from 0):
//   #child-tab-n (choose the child), #section-context, #area-tab-<area number>,
//   #area-progress-<area number> (text such as "2 of 4 rated", of the items offered),
//   per item: #level-<item>-<code> (radio card; code 0 = not assessed),
//   #carer-<item>-<code> (the first carer's placement; 0 = not asked; carer k >= 1:
//   #carer-<item>-<code>-<k>), #carer-words-<item>-<k>, #legacy-carer-<item>,
//   #young-<item>-<code> and #young-words-<item> (a young person on their own item),
//   #evidence-<item>, #impact-<item>, #strengths-<item>, #child-view-<item>,
//   #share-level-<item>, #shared-text-<item>, #harm-<item>, #not-offered-<item>;
//   on a household item, for child n: #child-on-<item>-<n>, #child-impact-<item>-<n>,
//   #child-view-<item>-<n>, #young-<item>-<n>-<code>, #young-words-<item>-<n>,
//   #set-apart-<item>-<n>, #child-level-<item>-<n>-<code>, #child-reason-<item>-<n>,
//   #child-level-error-<item>-<n>, #child-level-clear-<item>-<n>, #set-apart-level-<item>-<n>,
//   #child-harm-<item>-<n>; the item's section is #item-<item>;
//   visits: #add-visit, #visit-date-n, #visit-present-n, #visit-seen-n-<child n>,
//   #visit-alone-n-<child n>, #visit-notes-n, #remove-visit-n;
//   #background, #poverty-context, #assessment-strengths, #carer-view,
//   #child-overall-view-<child n>, #practitioner-notes, #open-summary-link, #toolkit-locked-note,
//   #next-area, #to-summary, and in a review #previous-<item> (the level chosen last time).

import * as api from '../../api.js';
import { append, clear, h } from '../../dom.js';
import { renderArea } from './area.js';
import { renderContext } from './context.js';
import { drawChildBar, drawSectionNav } from './nav.js';
import { toolkitState } from './state.js';

export { descriptorsFor } from './age.js';
export { itemKey } from './state.js';

/** Render the toolkit for `params.id` into `main`. */
export async function render(main, params, _ctx) {
  const state = toolkitState(await api.getAssessment(params.id));
  const nav = h('ul', { class: 'section-list' });
  const content = h('div', { class: 'toolkit-content' });
  const childBar = h('div', { class: 'child-switcher', role: 'group', 'aria-label': 'Which child' });

  // What redraws what: choosing a section or a child, or changing a level.
  const screen = {
    drawNav: () => drawSectionNav(nav, state, screen.showSection),
    drawContent: () => drawContent(content, state, screen),
    drawChildBar: () => drawChildBar(childBar, state, screen.chooseChild),
    showSection(key) {
      state.choice.section = key;
      screen.drawNav();
      screen.drawContent();
      focusHeading(content);
    },
    chooseChild(n) {
      state.choice.child = n;
      screen.drawChildBar();
      screen.drawNav();
      screen.drawContent();
      document.getElementById(`child-tab-${n}`).focus();
    },
    ratingChanged: () => screen.drawNav(),
  };
  screen.drawChildBar();
  screen.drawNav();
  screen.drawContent();
  append(
    main,
    header(state),
    childBar,
    h('div', { class: 'toolkit-layout' }, h('nav', { class: 'section-nav', 'aria-label': 'Toolkit sections' }, nav), content),
  );
}

/** Redraw the chosen section: the visits and background, or an area (the first if unknown). */
function drawContent(content, state, screen) {
  clear(content);
  if (state.choice.section === 'context') {
    renderContext(content, state);
    return;
  }
  const areas = state.definition.areas;
  const area = areas.find((x) => x.number === state.choice.section) || areas[0];
  if (area) {
    state.choice.section = area.number;
    renderArea(content, state, area, screen);
  }
}

function focusHeading(content) {
  const heading = content.querySelector('h2');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** Breadcrumb, title with the summary link, status line and, when locked, why. */
function header(state) {
  const { assessment: a, definition: def, household: hh } = state;
  return [
    h(
      'p',
      { class: 'breadcrumb' },
      h('a', { href: '#/households', text: 'Households' }),
      ' › ',
      h('a', { href: `#/household/${encodeURIComponent(hh.id)}`, text: hh.name }),
    ),
    h(
      'div',
      { class: 'title-row' },
      h('h1', { text: `${state.text.kind}: ${hh.name}` }),
      h('a', { id: 'open-summary-link', class: 'button button-secondary', href: `#/summary/${encodeURIComponent(a.id)}`, text: 'Summary' }),
    ),
    h('p', { class: 'status-line' }, `Status: ${state.text.status}. `, `${def.title} (version ${def.version}).`),
    state.editable
      ? null
      : h('p', {
          id: 'toolkit-locked-note',
          class: 'notice',
          text: 'This toolkit is completed and locked. To change it, open the summary and choose "Amend".',
        }),
  ];
}
