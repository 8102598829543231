// The save indicator tells the truth: "Saved" only once the backend has answered, text saves
// after a short pause in typing and at once when the field is left, and a failed save says so
// while the text stays in the field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, forgetRating, browserSuite } from './helpers.mjs';

const open = browserSuite();

async function openDraftToolkit(options = {}) {
  const app = await open({ unlocked: true, ...options });
  await app.page.waitForSelector('#household-search');
  // The demo rates every item; start from one the first child has not been rated on.
  await forgetRating(app.page, '1.3');
  await app.page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await app.page.waitForSelector('#level-1_3-1');
  return app;
}

const indicator = (page) => page.textContent('#save-state');

/** The first child's stored rating of 1.3 in the review, or null. */
const stored1_3 = (page) =>
  page.evaluate(() => {
    const s = window.__fake.state;
    const child = s.households[0].children[0].id;
    return s.assessments[1].ratings.find((r) => r.item === '1.3' && r.subject.child_id === child) || null;
  });

test('"Saved" appears only after a slow save has resolved', async () => {
  const { page, context } = await openDraftToolkit({ delays: { save_rating: 1500 } });
  await page.click('label[for="level-1_3-3"]');
  const started = Date.now();
  assert.equal(await indicator(page), 'Saving…');
  await page.waitForTimeout(700);
  assert.equal(await indicator(page), 'Saving…', 'still saving while the backend has not answered');
  assert.equal(await stored1_3(page), null);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.ok(Date.now() - started >= 1400, 'Saved was not shown before the save resolved');
  assert.equal((await stored1_3(page)).level, 3);
  assert.match(await indicator(page), /^Saved at \d\d:\d\d:\d\d$/);
  assert.equal(await page.getAttribute('#save-state', 'role'), 'status');
  await context.close();
});

test('typing saves within 600 ms of the last key, and leaving the field saves at once', async () => {
  const { page, context } = await openDraftToolkit();
  await page.click('#impact-1_3');
  await page.keyboard.type('Comes to school in the same clothes', { delay: 20 });
  const typedAt = await page.evaluate(() => Date.now());
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const calls = await callsOf(page, 'save_rating');
  const last = calls.at(-1);
  assert.equal(last.input.rating.impact, 'Comes to school in the same clothes');
  assert.ok(last.at - typedAt <= 600, `saved ${last.at - typedAt} ms after the last key`);
  assert.ok(calls.length <= 3, `typing was debounced (${calls.length} saves)`);

  await page.click('#strengths-1_3');
  await page.keyboard.type('Loves reading');
  const before = (await callsOf(page, 'save_rating')).length;
  await page.keyboard.press('Tab');
  await page.waitForTimeout(100);
  const after = await callsOf(page, 'save_rating');
  assert.equal(after.length, before + 1, 'leaving the field saved at once');
  assert.equal(after.at(-1).input.rating.strengths, 'Loves reading');
  await context.close();
});

test('a failed save says "Not saved" with the reason and keeps the text', async () => {
  const { page, context } = await openDraftToolkit();
  await page.evaluate(() => window.__fake.failNext('save_rating', { code: 'disk_full', message: 'The disk is full. Free some space, then try again.' }));
  await page.fill('#evidence-1_3', 'Seen with dirty clothes twice');
  await page.press('#evidence-1_3', 'Tab');
  await page.waitForSelector('#save-state:has-text("Not saved")');
  assert.equal(await indicator(page), 'Not saved: The disk is full. Free some space, then try again.');
  assert.equal(await page.inputValue('#evidence-1_3'), 'Seen with dirty clothes twice');
  // The next edit saves and the indicator recovers.
  await page.fill('#evidence-1_3', 'Seen with dirty clothes twice.');
  await page.press('#evidence-1_3', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  await context.close();
});

test('assessment text goes through update_assessment with only the changed field', async () => {
  const { page, context } = await openDraftToolkit();
  await page.click('#section-context');
  await page.fill('#poverty-context', 'Universal Credit; no money for the electricity meter');
  await page.press('#poverty-context', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const calls = await callsOf(page, 'update_assessment');
  assert.deepEqual(calls.at(-1).input.patch, { poverty_context: 'Universal Credit; no money for the electricity meter' });
  await context.close();
});
