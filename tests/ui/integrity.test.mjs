// The integrity banner: after unlocking, what the core's checks found is shown above every
// screen (what is affected and what to do), stays while moving between screens, and goes on lock.
// Nothing is shown when the checks find nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, browserSuite, seriousViolations } from './helpers.mjs';

const open = browserSuite();

test('a vault the checks found sound shows no banner, and the full check runs after unlocking', async () => {
  const { page, context } = await open();
  await unlockDemo(page);
  await page.waitForFunction(() => window.__fake.calls.some((c) => c.name === 'check_integrity'));
  assert.equal(await page.isHidden('#integrity-banner'), true);
  await context.close();
});

test('a damaged vault shows a banner that stays across screens and goes on lock', async () => {
  const { page, context } = await open({ integrity: 'damaged' });
  const damaged = await page.evaluate(() => window.__FAKE_FIXTURE__.integrity.damaged);
  await unlockDemo(page);
  await page.waitForSelector('#integrity-banner:not([hidden])');
  const text = await page.textContent('#integrity-banner');
  assert.ok(text.includes(damaged.headline), text);
  assert.ok(text.includes(damaged.action), text);
  for (const p of damaged.problems) assert.ok(text.includes(p.area) && text.includes(p.detail), `${p.area}: ${text}`);
  assert.equal(await page.getAttribute('#integrity-banner', 'role'), 'alert');
  await page.click('#nav-settings');
  await page.waitForSelector('#view h1');
  assert.equal(await page.isHidden('#integrity-banner'), false, 'the banner stays on another screen');
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#lock-button');
  await page.waitForSelector('#unlock-passphrase');
  assert.equal(await page.isHidden('#integrity-banner'), true, 'the banner goes with the lock');
  await context.close();
});
