// The households list: search, the households whose review is due, and a new household.
//
// Stable ids: #household-search (search box), #new-household (button), #reviews-due (section),
// #household-list (list); each household link is `a.household-link` with
// data-household-id="<id>"; a household received by hand-over has its marker
// (components/received.js: p.received-marker, a.review-conflict).

import * as api from '../api.js';
import { h, append, clear, longDate, today, isoList } from '../dom.js';
import { receivedById, receivedMarker } from '../components/received.js';

/** One household's line; `received` holds the hand-over markers by household id. */
function householdItem(hh, received) {
  const children = Array.isArray(hh.children) ? hh.children : [];
  const overdue = hh.review_due && hh.review_due <= today();
  return h(
    'li',
    { class: 'household-item' },
    h(
      'a',
      { class: 'household-link', href: `#/household/${encodeURIComponent(hh.id)}`, 'data-household-id': hh.id },
      h('span', { class: 'household-name', text: hh.name || 'Unnamed household' }),
      hh.postcode ? h('span', { class: 'household-postcode', text: hh.postcode }) : null,
    ),
    h('p', { class: 'household-meta' }, children.length ? ['Children: ', isoList(children)] : 'No children recorded yet'),
    h(
      'p',
      { class: 'household-meta' },
      hh.latest_status_text ? ['Latest toolkit: ', h('span', { class: 'status', text: hh.latest_status_text })] : 'No toolkit yet',
      hh.review_due ? h('span', { class: overdue ? 'badge badge-due' : 'badge', text: `Review ${overdue ? 'due' : 'on'} ${longDate(hh.review_due)}` }) : null,
    ),
    receivedMarker(received.get(hh.id)),
  );
}

function listOf(households, id, emptyText, received) {
  if (!households.length) return h('p', { id, class: 'empty', text: emptyText });
  return h(
    'ul',
    { id, class: 'household-list' },
    households.map((hh) => householdItem(hh, received)),
  );
}

/** Render the households list into `main`. */
export async function render(main, _params, ctx) {
  const [households, due, got] = await Promise.all([api.listHouseholds(''), api.reviewsDue(), api.listReceived()]);
  // Kept by this screen's own handlers only, so it goes when the screen does (and at lock).
  const received = receivedById(got);
  const search = h('input', { id: 'household-search', type: 'search', autocomplete: 'off' });
  const results = h('div', { id: 'household-results' });
  let seq = 0;
  const show = (list, query) => {
    clear(results);
    append(
      results,
      listOf(list, 'household-list', query ? 'No household matches that search.' : 'No households yet. Choose "New household" to add one.', received),
    );
  };
  show(households, '');
  search.addEventListener('input', async () => {
    const mine = ++seq;
    try {
      const list = await api.listHouseholds(search.value);
      if (mine === seq && ctx.isCurrent()) show(list, search.value);
    } catch (err) {
      if (mine === seq) {
        clear(results);
        append(results, h('p', { class: 'error', role: 'alert', text: err.message }));
      }
    }
  });
  append(
    main,
    h(
      'div',
      { class: 'title-row' },
      h('h1', { text: 'Households' }),
      h('a', { id: 'new-household', class: 'button', href: '#/household/new', text: 'New household' }),
    ),
    h(
      'section',
      { id: 'reviews-due', class: 'panel', 'aria-labelledby': 'reviews-due-title' },
      h('h2', { id: 'reviews-due-title', text: 'Reviews due' }),
      due.length
        ? h(
            'ul',
            { class: 'household-list' },
            due.map((hh) => householdItem(hh, received)),
          )
        : h('p', { class: 'empty', text: 'No reviews are due.' }),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'all-households-title' },
      h('h2', { id: 'all-households-title', text: 'All households' }),
      h('div', { class: 'field' }, h('label', { for: 'household-search', text: 'Search by name, postcode or child' }), search),
      results,
    ),
  );
}
