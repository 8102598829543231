// One area of the toolkit: its title, purpose and progress, its items, then a button to the next
// area (#next-area) or, after the last, a link to the summary (#to-summary).

import { append, h } from '../../dom.js';
import { renderItem } from './item.js';
import { chosenChild, progressOf } from './state.js';

/**
 * Append the area to `content`. `screen.ratingChanged()` redraws what counts levels;
 * `screen.showSection(key)` moves to another section.
 */
export function renderArea(content, state, area, screen) {
  const p = progressOf(state, area);
  const child = chosenChild(state);
  append(
    content,
    h('h2', { text: `Area ${area.number}: ${area.title}` }),
    area.purpose ? h('p', { class: 'area-purpose', text: area.purpose }) : null,
    h('p', { class: 'area-progress', text: `${p.done} of ${p.total} items rated${child ? ` for ${child.name}` : ''}.` }),
    area.items.map((item) => renderItem(state, item, screen.ratingChanged)),
  );
  const areas = state.definition.areas;
  const next = areas[areas.indexOf(area) + 1];
  if (next) {
    const go = () => {
      screen.showSection(next.number);
      window.scrollTo(0, 0);
    };
    append(content, h('button', { type: 'button', class: 'button', id: 'next-area', text: `Next: ${next.number}. ${next.title}`, on: { click: go } }));
  } else {
    const href = `#/summary/${encodeURIComponent(state.assessment.id)}`;
    append(content, h('a', { class: 'button', id: 'to-summary', href, text: 'Go to the summary' }));
  }
}
