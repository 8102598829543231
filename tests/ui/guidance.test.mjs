// The definition's guidance where the core placed it: collapsed under its title, the domestic-abuse
// guidance on parental conflict (5.2) at any level, each child's view with the entries for that
// child's age, disability and language. Expectations come from the views the core made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, seriousViolations, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();
const review = viewAt('review');
const children = review.household.children;
const entry = (id) => fixture.definition.guidance.find((g) => g.id === id);
const placed = (item, field, childId) =>
  review.guidance.at.find((g) => g.item === item && g.field === field && (g.child_id || null) === (childId || null)).guidance;

async function openReview(area, n = 0) {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  await app.page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await app.page.waitForSelector('#child-tab-0');
  if (n) await app.page.click(`#child-tab-${n}`);
  await app.page.click(`#area-tab-${area}`);
  return app;
}

test('parental conflict shows the domestic-abuse guidance, collapsed until opened', async () => {
  const { page, errors } = await openReview(5);
  const ids = placed('5.2', null, null);
  assert.ok(ids.includes('domestic-abuse-or-conflict'));
  const sel = '#guidance-5_2-item-domestic-abuse-or-conflict';
  await page.waitForSelector(sel);
  assert.equal(await page.$eval(sel, (d) => d.tagName), 'DETAILS');
  assert.equal(await page.$eval(sel, (d) => d.open), false);
  assert.equal((await page.textContent(`${sel} summary`)).trim(), entry('domestic-abuse-or-conflict').title);
  await page.click(`${sel} summary`);
  assert.equal(await page.$eval(sel, (d) => d.open), true);
  assert.ok((await page.textContent(sel)).includes(entry('domestic-abuse-or-conflict').text));
  // Parental conflict's neighbour carries none.
  assert.equal(await page.$$eval('[id^="guidance-5_1-item-"]', (x) => x.length), 0);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
});

test("a child's view shows the guidance for that child's age, disability and language", async () => {
  const n = 1;
  const child = children[n];
  const { page, errors } = await openReview(1, n);
  const ids = placed('1.1', 'child_view', child.id);
  assert.ok(ids.includes('hearing-a-disabled-child') && ids.includes('hearing-a-child-who-does-not-speak-english'));
  await page.waitForSelector('#child-view-1_1');
  const shown = await page.$$eval('[id^="guidance-1_1-child_view-"]', (x) => x.map((d) => d.id));
  assert.deepEqual(
    shown,
    ids.map((id) => `guidance-1_1-child_view-${id}`),
  );
  assert.ok(!shown.includes('guidance-1_1-child_view-hearing-a-baby'));
  assert.deepEqual(errors, []);
});

test('the home, the mismatch flag and the background events show as the core recorded them', async () => {
  const initial = viewAt('initial');
  const app = await open({ unlocked: true });
  const { page, errors } = app;
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[0].id}`;
  });
  await page.waitForSelector('#child-tab-0');
  await page.click('#section-context');
  await page.waitForSelector('#background-events');
  const listed = await page.textContent('#background-events');
  for (const e of initial.text.home.events) assert.ok(listed.includes(e), e);
  await page.click('#area-tab-1');
  await page.waitForSelector('#home-1_2');
  assert.equal(await page.isChecked('#home-usual-1_2-recently_worse'), true);
  assert.equal(await page.isChecked('#home-help-1_2'), true);
  assert.equal(await page.isChecked('#home-parents-1_2'), false);
  assert.equal(await page.$$eval('#home-1_1', (x) => x.length), 0, 'food is not about the home');
  await page.click('#area-tab-3');
  await page.waitForSelector('#mismatch-3_1');
  assert.equal(await page.isChecked('#mismatch-3_1'), true);
  const note = initial.assessment.ratings.find((r) => r.item === '3.1').mismatch.note;
  assert.equal(await page.inputValue('#mismatch-note-3_1'), note);
  assert.deepEqual(errors, []);
});
