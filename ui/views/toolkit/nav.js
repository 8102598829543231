// The two choosers above and beside the toolkit: which child (#child-tab-n) and which section
// (#section-context, #area-tab-<area> with #area-progress-<area>).

import { append, clear, h } from '../../dom.js';
import { childText, progressOf } from './state.js';

/** Fill `nav` with one button per section; `onChoose(key)` is called with the section chosen. */
export function drawSectionNav(nav, state, onChoose) {
  clear(nav);
  append(nav, sectionEntry('section-context', 'Visits and background', null, 'context', state, onChoose));
  for (const area of state.definition.areas) {
    const p = progressOf(state, area);
    append(nav, sectionEntry(`area-tab-${area.number}`, `${area.number}. ${area.title}`, `${p.done} of ${p.total} rated`, area.number, state, onChoose));
  }
}

function sectionEntry(id, label, progressText, key, state, onChoose) {
  const current = state.choice.section === key;
  const b = h(
    'button',
    { type: 'button', id, class: 'section-button', 'aria-current': current ? 'true' : null },
    h('span', { class: 'section-name', text: label }),
    progressText ? h('span', { class: 'section-progress', id: `area-progress-${key}`, text: progressText }) : null,
  );
  b.addEventListener('click', () => onChoose(key));
  return h('li', {}, b);
}

/** Fill `bar` with one button per child; `onChoose(n)` is called with the child's index. */
export function drawChildBar(bar, state, onChoose) {
  clear(bar);
  if (!state.children.length) {
    append(bar, h('p', { class: 'notice', text: 'This household has no children recorded. Add them on the household page before rating child items.' }));
    return;
  }
  append(bar, h('span', { class: 'switcher-label', text: 'Child:' }));
  state.children.forEach((c, n) => {
    const { age } = childText(state, c);
    const b = h(
      'button',
      { type: 'button', id: `child-tab-${n}`, class: 'child-button', 'aria-pressed': String(n === state.choice.child) },
      h('span', { text: c.name }),
      age ? h('span', { class: 'child-age', text: ` (${age})` }) : null,
    );
    b.addEventListener('click', () => onChoose(n));
    append(bar, b);
  });
}
