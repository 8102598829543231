// Keyboard only: from unlock to rating every item of an area, with Tab to move between
// controls and the arrow keys to choose a level card, and the backend receives each rating.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, screenshot, forgetRating, fixture, browserSuite } from './helpers.mjs';

const open = browserSuite();

/** Press Tab until the focused element matches `selector`; fail after `limit` presses. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => Boolean(document.activeElement?.matches(s)), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('a whole area can be rated with the keyboard alone', async () => {
  const { page, context, errors } = await open();
  await page.waitForSelector('#unlock-passphrase:focus');
  await page.keyboard.type('demo-passphrase');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#household-search');

  await tabTo(page, 'a.household-link');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#new-assessment');
  await tabTo(page, '#new-assessment');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#level-1_1-1');

  // Levels wanted for area 1 (items 1.1, 1.3 and 1.4 for the first child, 1.2 for the household).
  // In each group "not assessed" is checked and last, so ArrowDown wraps to level 1 first.
  const wanted = { '1_1': 2, '1_2': 3, '1_3': 1, '1_4': 2 };
  for (const [key, level] of Object.entries(wanted)) {
    await tabTo(page, `input[name^="level-${key}-"]`);
    for (let i = 0; i < level; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.id), `level-${key}-${level}`);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle);
    assert.equal(ring, 'solid', 'the focused card shows a focus ring');
    if (key === '1_1') {
      await screenshot(page, 'keyboard-focus-card');
      // The carer's own placement, also by keyboard.
      await tabTo(page, `input[name^="carer-${key}-"]`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.id), `carer-${key}-2`);
    }
  }
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.equal(await page.textContent('#area-progress-1'), '4 of 4 rated');

  // On to the next area with Enter, and rate its item with Space on a card.
  await tabTo(page, '#next-area');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#level-2_1-1');
  await tabTo(page, 'input[name^="level-2_1-"]');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'level-2_1-4');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#save-state:has-text("Saved at")');

  const ratings = await callsOf(page, 'save_rating');
  const last = new Map();
  for (const c of ratings) last.set(`${c.input.rating.item}|${c.input.rating.subject.kind}`, c.input.rating);
  assert.equal(last.get('1.1|child').level, 2);
  // The radios of the household's first carer record that carer's own placement.
  const firstCarer = fixture.views[0].view.household.carers[0].id;
  const placed = last.get('1.1|child').placements.find((p) => p.by.kind === 'carer' && p.by.carer_id === firstCarer);
  assert.equal(placed.level, 2);
  assert.equal(last.get('1.1|child').carer_level, null, 'no unnamed placement is made');
  assert.equal(last.get('1.2|household').level, 3, 'a household item is rated once for the household');
  assert.equal(last.get('1.3|child').level, 1);
  assert.equal(last.get('1.4|child').level, 2);
  assert.equal(last.get('2.1|child').level, 4);
  const stored = await page.evaluate(() => {
    const a = window.__fake.state.assessments[window.__fake.state.assessments.length - 1];
    return a.ratings.map((r) => `${r.item}:${r.level}`).sort();
  });
  assert.deepEqual(stored, ['1.1:2', '1.2:3', '1.3:1', '1.4:2', '2.1:4']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Enter chooses a card that arrow keys have not', async () => {
  const { page, context } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await forgetRating(page, '1.3');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#level-1_3-1');
  await page.focus('#level-1_3-2');
  assert.equal(await page.isChecked('#level-1_3-2'), false);
  await page.keyboard.press('Enter');
  assert.equal(await page.isChecked('#level-1_3-2'), true);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const calls = await callsOf(page, 'save_rating');
  assert.equal(calls.at(-1).input.rating.item, '1.3');
  assert.equal(calls.at(-1).input.rating.level, 2);
  await context.close();
});
