// Discarding a draft from the household page, and completing a toolkit without losing one's
// place on the summary page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, seriousViolations, browserSuite } from './helpers.mjs';

const open = browserSuite();

async function unlocked() {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  return app;
}

test('a draft is discarded from the household page with a reason and a confirmation', async () => {
  const { page, context, errors } = await unlocked();
  const [initial, review, household] = await page.evaluate(() => {
    const s = window.__fake.state;
    return [s.assessments[0].id, s.assessments[1].id, s.households[0].id];
  });
  await page.evaluate((x) => {
    location.hash = `#/household/${x}`;
  }, household);
  await page.waitForSelector('#assessment-list');
  // Only the draft (the review in progress) offers to be discarded; the completed one does not.
  assert.equal(await page.locator(`.discard-draft[data-assessment-id="${initial}"]`).count(), 0);
  const discard = page.locator(`.discard-draft[data-assessment-id="${review}"]`);
  assert.equal(await discard.textContent(), 'Discard this draft');

  // Opening and keeping it changes nothing.
  await discard.click();
  await page.waitForSelector('#discard-reason');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'discard-reason');
  await page.click('#cancel-discard');
  assert.equal(await page.locator('#discard-reason').count(), 0);
  assert.deepEqual(await callsOf(page, 'discard_assessment'), []);

  // No reason: refused before anything is sent.
  await discard.click();
  await page.click('#confirm-discard');
  await page.waitForSelector('#discard-error:has-text("Give a reason")');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'discard-reason');
  assert.deepEqual(await callsOf(page, 'discard_assessment'), []);
  assert.deepEqual(await seriousViolations(page), []);

  await page.fill('#discard-reason', 'Started for the wrong family');
  await page.click('#confirm-discard');
  await page.waitForSelector('#assessments-status:has-text("was discarded")');
  const calls = await callsOf(page, 'discard_assessment');
  assert.deepEqual(
    calls.map((c) => c.input),
    [{ id: review, reason: 'Started for the wrong family' }],
  );
  assert.deepEqual(await page.evaluate(() => window.__fake.state.discarded), [{ id: review, reason: 'Started for the wrong family' }]);
  // The list is the backend's again: the draft is gone, the completed toolkit stays.
  const listed = await page.$$eval('#assessment-list .open-toolkit', (as) => as.map((a) => a.dataset.assessmentId));
  assert.deepEqual(listed, [initial]);
  assert.equal(await page.getAttribute('#assessments-status', 'role'), 'status');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'assessments-status');
  assert.equal(await page.locator('.discard-draft').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a refusal from the backend is shown and the draft is kept', async () => {
  const { page, context, errors } = await unlocked();
  const [review, household] = await page.evaluate(() => {
    const s = window.__fake.state;
    return [s.assessments[1].id, s.households[0].id];
  });
  await page.evaluate((x) => {
    location.hash = `#/household/${x}`;
  }, household);
  await page.waitForSelector('#assessment-list');
  await page.evaluate(() => window.__fake.failNext('discard_assessment', { code: 'invalid', message: 'Cannot discard an assessment that is completed.' }));
  await page.click(`.discard-draft[data-assessment-id="${review}"]`);
  await page.fill('#discard-reason', 'No longer needed');
  await page.click('#confirm-discard');
  await page.waitForSelector('#discard-error:has-text("Cannot discard")');
  assert.equal(await page.isDisabled('#confirm-discard'), false);
  assert.equal(await page.evaluate(() => window.__fake.state.assessments.length), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('completing keeps the page where it was and announces the locked state there', async () => {
  // A short window, so the lifecycle section is far down the page.
  const { page, context, errors } = await open({ unlocked: true }, { width: 1000, height: 600 });
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#complete-assessment');
  await page.locator('#complete-assessment').scrollIntoViewIfNeeded();
  // The check before completing opens where the button was; completing from it keeps the place.
  await page.click('#complete-assessment');
  await page.waitForSelector('#confirm-complete');
  await page.locator('#confirm-complete').scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 200, `the button is down the page (scrolled ${before})`);
  // How much the page can shorten when the check folds away: the check's own height.
  const checkHeight = await page.$eval('#completion-check-title', (el) => el.parentElement.getBoundingClientRect().height);
  await page.click('#confirm-complete');
  await page.waitForSelector('#lifecycle-status:has-text("This toolkit is completed and locked.")');
  await page.waitForSelector('#amend-assessment');
  assert.deepEqual(
    (await callsOf(page, 'complete_assessment')).map((c) => c.input),
    [{ id: await page.evaluate(() => window.__fake.state.assessments[1].id) }],
  );
  const after = await page.evaluate(() => window.scrollY);
  // The check folds away as the page is drawn again, so the page may shorten by the check's
  // height; it must not jump to the top, and the confirmation must be in view (below).
  assert.ok(after > 200, `the page did not jump to the top (at ${after})`);
  assert.ok(Math.abs(after - before) < Math.max(300, checkHeight), `the page stayed where it was (from ${before} to ${after}, check ${checkHeight})`);
  assert.equal(await page.getAttribute('#lifecycle-status', 'role'), 'status');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lifecycle-status');
  assert.ok(await page.locator('#lifecycle-status').isVisible());
  const box = await page.locator('#lifecycle-status').boundingBox();
  // Within a pixel of the top counts as in view (focus may scroll to a fraction of a pixel).
  assert.ok(box.y >= -1 && box.y + box.height <= 600, `the confirmation is in view (at ${box.y})`);
  // Only one summary on the page: it was drawn again in place, not added.
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('#complete-assessment').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
