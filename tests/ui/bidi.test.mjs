// Text from the store placed inside the interface's own sentences ("Children: …", "History: …",
// a timeline entry's source and impact) sits in an element of its own with dir="auto", isolated
// by the stylesheet: a right-to-left name, or a U+202E (right-to-left override) that reached the
// stand-in's data, cannot reorder the words around it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, fixture, browserSuite, screenshot } from './helpers.mjs';

const open = browserSuite();
const RLO = '\u202E';
// A right-to-left name, and names carrying an override that is never closed.
const RTL_CHILD = 'مريم العلي';
const OVERRIDE_CHILD = `${RLO}Amy Sample`;
const OVERRIDE_HOUSEHOLD = `${RLO}Sample household`;
const OVERRIDE_AGENCY = `${RLO}Exampletown Housing`;
const OVERRIDE_NOTE = `${RLO}A settled home`;

/** Put the hostile names into the stand-in's data for the demo household. */
async function plant(page) {
  await page.evaluate(
    (t) => {
      const f = window.__fake;
      const hh = f.state.households.find((x) => x.id === f.fixture.history.household_id);
      hh.name = t.OVERRIDE_HOUSEHOLD;
      hh.children[0].name = t.OVERRIDE_CHILD;
      hh.children[1].name = t.RTL_CHILD;
      const e = f.fixture.chronology.entries[0];
      e.source.agency = t.OVERRIDE_AGENCY;
      e.impact_note = t.OVERRIDE_NOTE;
    },
    { OVERRIDE_HOUSEHOLD, OVERRIDE_CHILD, RTL_CHILD, OVERRIDE_AGENCY, OVERRIDE_NOTE },
  );
}

/** The elements under `scope` whose whole text is `text`: their dir and computed unicode-bidi. */
function holders(page, scope, text) {
  return page.$$eval(
    `${scope} *`,
    (els, t) =>
      els
        .filter((el) => el.textContent === t && el.children.length === 0)
        .map((el) => ({ dir: el.getAttribute('dir'), bidi: getComputedStyle(el).unicodeBidi, tag: el.tagName })),
    text,
  );
}

async function assertIsolated(page, scope, text, where) {
  const found = await holders(page, scope, text);
  assert.ok(found.length > 0, `${where}: "${text}" is not in an element of its own`);
  for (const f of found) {
    assert.equal(f.dir, 'auto', `${where}: "${text}" has dir=${f.dir}`);
    assert.equal(f.bidi, 'isolate', `${where}: "${text}" is not isolated`);
  }
}

test('names and notes inside sentences are isolated on the list, History and timeline', async () => {
  const { page, context, errors } = await open();
  await unlockDemo(page);
  await plant(page);
  const id = await page.evaluate(() => window.__fake.fixture.history.household_id);

  // The households list: "Children: " then each name in its own element, in stored order.
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.waitForSelector('#auto-lock-minutes');
  await page.evaluate(() => {
    location.hash = '#/households';
  });
  const item = `a.household-link[data-household-id="${id}"]`;
  await page.waitForSelector(item);
  const meta = `li.household-item:has(${item}) p.household-meta >> nth=0`;
  const metaText = await page.textContent(meta);
  assert.ok(metaText.startsWith(`Children: ${OVERRIDE_CHILD}, ${RTL_CHILD}`), metaText);
  await assertIsolated(page, `li.household-item:has(${item})`, OVERRIDE_CHILD, 'households list');
  await assertIsolated(page, `li.household-item:has(${item})`, RTL_CHILD, 'households list');
  await assertIsolated(page, `li.household-item:has(${item})`, OVERRIDE_HOUSEHOLD, 'households list');
  // The override in the first name does not carry over: the label is left of the first name,
  // and the second name right of the first, as in any left-to-right sentence.
  const boxes = await page.$eval(
    `li.household-item:has(${item}) p.household-meta`,
    (p, names) => {
      const span = (t) => [...p.querySelectorAll('span')].find((s) => s.textContent === t).getBoundingClientRect();
      const range = document.createRange();
      range.setStart(p.firstChild, 0);
      range.setEnd(p.firstChild, 'Children:'.length);
      const label = range.getBoundingClientRect();
      return { label: label.left, first: span(names[0]).left, second: span(names[1]).left };
    },
    [OVERRIDE_CHILD, RTL_CHILD],
  );
  assert.ok(boxes.label < boxes.first && boxes.first < boxes.second, JSON.stringify(boxes));
  await screenshot(page, 'bidi-households');

  // The History: the heading and the table's caption.
  await page.evaluate((hid) => {
    location.hash = `#/household/${hid}/history`;
  }, id);
  await page.waitForSelector('#history-table');
  assert.equal(await page.textContent('h1'), `History: ${OVERRIDE_HOUSEHOLD}`);
  await assertIsolated(page, 'h1', OVERRIDE_HOUSEHOLD, 'History heading');
  await assertIsolated(page, '#history-table caption', OVERRIDE_HOUSEHOLD, 'History caption');
  const caption = await page.textContent('#history-table caption');
  assert.equal(caption, `Changes to ${OVERRIDE_HOUSEHOLD}, oldest first`);

  // The timeline: its heading, an entry's agency and impact note.
  await page.evaluate((hid) => {
    location.hash = `#/chronology/${hid}`;
  }, id);
  await page.waitForSelector('li.chronology-entry');
  await assertIsolated(page, 'h1', OVERRIDE_HOUSEHOLD, 'timeline heading');
  const entry = `li.chronology-entry[data-entry-id="${fixture.chronology.entries[0].id}"]`;
  await assertIsolated(page, `${entry} .entry-source`, OVERRIDE_AGENCY, 'timeline source');
  await assertIsolated(page, `${entry} .entry-impact`, OVERRIDE_NOTE, 'timeline impact note');
  const source = await page.textContent(`${entry} .entry-source`);
  assert.equal(source, `${OVERRIDE_AGENCY} (${fixture.chronology.entries[0].source.role})`);
  await screenshot(page, 'bidi-timeline');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the conflict review shows each value in its own isolated element', async () => {
  const { page, context, errors } = await open();
  await unlockDemo(page);
  const review = fixture.conflict_review;
  await page.evaluate((hid) => {
    location.hash = `#/conflict/${hid}`;
  }, review.household_id);
  await page.waitForSelector('.conflict-side');
  await assertIsolated(page, 'h1', review.household_name, 'conflict heading');
  const values = await page.$$eval('.conflict-side .value', (els) => els.map((el) => [el.getAttribute('dir'), getComputedStyle(el).unicodeBidi]));
  assert.ok(values.length > 0);
  for (const v of values) assert.deepEqual(v, ['auto', 'isolate']);
  assert.deepEqual(errors, []);
  await context.close();
});
