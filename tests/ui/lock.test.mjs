// Unlocking, the recovery key, and locking: a wrong passphrase gets the right message, the
// recovery key gets back in, and on lock (idle, manual or from the backend) the decrypted data
// leaves the page and pending text is saved first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, callsOf, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();

test('a wrong passphrase says so and keeps the screen locked', async () => {
  const { page, context } = await open({ demo: false });
  await page.waitForSelector('#unlock-passphrase');
  assert.equal(await page.$('#unlock-demo-hint'), null, 'no demo hint outside the demo');
  await page.fill('#unlock-passphrase', 'not the passphrase');
  await page.click('#unlock-submit');
  await page.waitForSelector('#unlock-error:has-text("not right")');
  assert.equal(await page.textContent('#unlock-error'), 'That passphrase is not right. Check that Caps Lock is off and try again, or use your recovery key.');
  assert.equal(await page.getAttribute('#unlock-error', 'role'), 'alert');
  assert.equal(await page.isHidden('#app-nav'), true);
  assert.equal(await page.isHidden('#lock-button'), true, 'no Lock or Family view button while locked');
  assert.equal(await page.isHidden('#family-view-button'), true);
  assert.equal(await page.$('#household-search'), null);
  await unlockDemo(page);
  await context.close();
});

test('the recovery key gets back in with a new passphrase', async () => {
  const { page, context } = await open();
  await page.waitForSelector('#use-recovery-key');
  await page.click('#use-recovery-key');
  await page.fill('#recovery-key-input', 'WRONG-KEY');
  await page.fill('#recover-passphrase', 'a brand new passphrase');
  await page.fill('#recover-passphrase-confirm', 'a brand new passphrase');
  await page.click('#recover-submit');
  await page.waitForSelector('#recover-error:has-text("recovery key is not right")');
  await page.fill('#recovery-key-input', 'RKEY-2345-6789-ABCD-EFGH');
  await page.click('#recover-submit');
  await page.waitForSelector('#household-search');
  assert.equal(await page.evaluate(() => window.__fake.state.passphrase), 'a brand new passphrase');
  await context.close();
});

test('the vault-locked event clears the screen and shows unlock', async () => {
  const { page, context } = await open();
  await page.waitForSelector('#unlock-passphrase');
  await unlockDemo(page);
  await page.click('a.household-link');
  await page.waitForSelector('#household-name');
  const name = viewAt('review').household.name;
  assert.ok((await page.evaluate(() => document.body.textContent)).includes(name), 'the household is on the page');
  await page.evaluate(() => window.__fake.emit('vault-locked', { reason: 'manual' }));
  await page.waitForSelector('#unlock-passphrase');
  const text = await page.evaluate(() => document.body.textContent);
  assert.ok(!text.includes(name), 'no decrypted data left on the page');
  assert.equal(await page.isHidden('#app-nav'), true);
  await context.close();
});

test('after the idle time the app locks, with the typed text saved', async () => {
  const { page, context } = await open();
  await page.clock.install();
  await page.evaluate(() => {
    window.__fake.state.settings.auto_lock_minutes = 2;
  });
  await page.waitForSelector('#unlock-passphrase');
  await unlockDemo(page);
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#impact-1_3');
  await page.fill('#impact-1_3', 'Typed just before leaving the table');
  await page.clock.runFor(60_000);
  assert.equal(await page.$('#unlock-passphrase'), null, 'not locked after one minute of a two-minute setting');
  await page.clock.runFor(65_000);
  await page.waitForSelector('#unlock-passphrase');
  assert.match(await page.textContent('#unlock-locked-note'), /locked itself/);
  const names = await page.evaluate(() => window.__fake.calls.map((c) => c.name));
  const saved = names.lastIndexOf('save_rating');
  assert.ok(saved >= 0 && saved < names.lastIndexOf('lock'), 'the waiting text was saved before locking');
  await page.clock.runFor(5_000);
  const after = await page.evaluate(() => window.__fake.calls.map((c) => c.name));
  assert.deepEqual(after.slice(after.lastIndexOf('lock') + 1), ['app_status'], 'nothing is sent after the lock');
  const ratings = await callsOf(page, 'save_rating');
  assert.equal(ratings.at(-1).input.rating.impact, 'Typed just before leaving the table');
  await context.close();
});

test('the Lock button saves text still waiting, then locks at once', async () => {
  const { page, context } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#impact-1_3');
  await page.fill('#impact-1_3', 'Typed a moment before locking');
  await page.click('#lock-button');
  await page.waitForSelector('#unlock-passphrase');
  assert.equal(await page.evaluate(() => window.__fake.state.unlocked), false);
  const names = await page.evaluate(() => window.__fake.calls.map((c) => c.name));
  assert.ok(names.lastIndexOf('save_rating') < names.lastIndexOf('lock'));
  const ratings = await callsOf(page, 'save_rating');
  assert.equal(ratings.at(-1).input.rating.impact, 'Typed a moment before locking');
  await context.close();
});
