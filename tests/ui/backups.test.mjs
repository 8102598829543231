// Settings' backups section and the household's danger zone, against the stand-in backend
// serving what the core made (tests/ui/fixtures/demo-views.json: `backups`, `erasures`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, browserSuite, callsOf, seriousViolations } from './helpers.mjs';

const open = browserSuite();

async function settings(page) {
  await page.click('#nav-settings');
  await page.waitForSelector('#backup-list');
}

test('Settings lists the backup generations with their date and size, and the erased households', async () => {
  const { page, context } = await open();
  const fixture = await page.evaluate(() => window.__FAKE_FIXTURE__);
  await unlockDemo(page);
  await settings(page);
  const items = await page.$$eval('#backup-list li.backup-generation', (lis) => lis.map((li) => ({ path: li.dataset.path, text: li.textContent })));
  assert.equal(items.length, fixture.backups.generations.length);
  assert.deepEqual(
    items.map((i) => i.path),
    fixture.backups.generations.map((g) => g.path),
  );
  assert.match(items[0].text, /2 March 2026 at \d\d:\d\d/);
  assert.match(items[0].text, /\d+ KB/);
  const where = await page.textContent('#view');
  assert.ok(where.includes(fixture.backups.folder), 'the folder is named');
  assert.ok(where.includes(`newest ${fixture.backups.kept}`), 'the number kept is said');
  assert.equal(await page.isHidden('#backup-notice'), true, 'no notice when backups work');
  const erased = await page.$$eval('#erased-list li.erased-household', (lis) => lis.map((li) => li.textContent));
  assert.equal(erased.length, fixture.erasures.erased.length);
  assert.ok(erased[0].includes(fixture.erasures.erased[0].reason_text), erased[0]);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('a failed automatic backup shows the core notice above every screen and in Settings, and goes on lock', async () => {
  const { page, context } = await open();
  const notice = 'NOTICE FROM THE CORE';
  await page.evaluate((n) => {
    window.__fake.state.backups.notice = n;
  }, notice);
  assert.equal(await page.isHidden('#backup-banner'), true);
  await unlockDemo(page);
  await page.waitForSelector('#backup-banner:not([hidden])');
  assert.equal(await page.textContent('#backup-banner'), notice);
  await settings(page);
  await page.waitForSelector('#backup-notice:not([hidden])');
  assert.equal(await page.textContent('#backup-notice'), notice);
  assert.equal(await page.isHidden('#backup-banner'), false, 'it stays on another screen');
  await page.click('#lock-button');
  await page.waitForSelector('#unlock-passphrase');
  assert.equal(await page.isHidden('#backup-banner'), true);
  await context.close();
});

test('no backup notice is shown while backups work', async () => {
  const { page, context } = await open();
  await unlockDemo(page);
  await page.waitForFunction(() => window.__fake.calls.some((c) => c.name === 'get_backups'));
  assert.equal(await page.isHidden('#backup-banner'), true);
  await context.close();
});

test('a backups folder that cannot be used is refused with its reason; a good one is saved', async () => {
  const { page, context } = await open();
  await unlockDemo(page);
  await settings(page);
  await page.fill('#backup-folder', '/nowhere/stick');
  await page.click('#save-backup-folder');
  await page.waitForSelector('#backup-folder-error:not(:empty)');
  assert.match(await page.textContent('#backup-folder-error'), /^Not saved: Backups cannot be written/);
  assert.equal(await page.evaluate(() => window.__fake.state.settings.backup_dir), undefined);
  await page.fill('#backup-folder', '/media/stick/backups');
  await page.click('#save-backup-folder');
  await page.waitForFunction(() => document.querySelector('#view').textContent.includes('/media/stick/backups.'));
  assert.equal(await page.textContent('#backup-folder-error'), '');
  assert.equal(await page.evaluate(() => window.__fake.state.settings.backup_dir), '/media/stick/backups');
  await context.close();
});

test('restoring asks for the passphrase, says a refusal, and says where the replaced vault is kept', async () => {
  const { page, context } = await open();
  const fixture = await page.evaluate(() => window.__FAKE_FIXTURE__);
  await unlockDemo(page);
  await settings(page);
  // No passphrase: nothing is asked of the backend.
  await page.click('#backup-list li.backup-generation:first-child .restore-generation');
  assert.match(await page.textContent('#restore-status'), /Type the passphrase/);
  assert.equal((await callsOf(page, 'restore_backup')).length, 0);
  // A wrong passphrase is refused and said.
  await page.fill('#restore-passphrase', 'not the passphrase');
  await page.click('#backup-list li.backup-generation:first-child .restore-generation');
  await page.waitForFunction(() => document.querySelector('#restore-status').textContent.startsWith('Not restored'));
  // A damaged file picked in the dialog is refused.
  await page.evaluate(() => {
    window.__fake.state.restoreFile = '/media/stick/damaged.ntk';
  });
  await page.fill('#restore-passphrase', 'demo-passphrase');
  await page.click('#restore-file');
  await page.waitForFunction(() => document.querySelector('#restore-status').textContent.includes('did not pass its check'));
  assert.equal(await page.evaluate(() => window.__fake.state.restored), undefined);
  const picked = (await callsOf(page, 'restore_backup')).at(-1);
  assert.deepEqual(picked.input, { passphrase: 'demo-passphrase' }, 'the file comes from the native dialog');
  // A listed generation is restored.
  await page.fill('#restore-passphrase', 'demo-passphrase');
  await page.click('#backup-list li.backup-generation:first-child .restore-generation');
  await page.waitForFunction(() => document.querySelector('#restore-status').textContent.startsWith('Restored.'));
  const said = await page.textContent('#restore-status');
  assert.ok(said.includes(fixture.restore_kept), said);
  assert.ok(said.includes('before-restore-'), said);
  assert.equal(await page.evaluate(() => window.__fake.state.restored), fixture.backups.generations[0].path);
  assert.equal(await page.inputValue('#restore-passphrase'), '', 'the passphrase is not kept on screen');
  await context.close();
});

test('a household is erased from its danger zone only with a reason and its name typed', async () => {
  const { page, context } = await open();
  const fixture = await page.evaluate(() => window.__FAKE_FIXTURE__);
  await unlockDemo(page);
  const hh = await page.evaluate(() => window.__fake.state.households[0]);
  await page.evaluate((id) => {
    location.hash = `#/household/${id}`;
  }, hh.id);
  await page.waitForSelector('#erase-household');
  assert.ok((await page.textContent('.danger-zone')).includes(fixture.erasures.warning));
  const options = await page.$$eval('#erase-reason option', (os) => os.map((o) => o.textContent));
  for (const r of fixture.erasures.reasons) assert.ok(options.includes(r.text), r.text);
  assert.equal(await page.isDisabled('#erase-household'), true);
  await page.selectOption('#erase-reason', 'duplicate');
  await page.fill('#erase-confirm-name', `${hh.name}x`);
  assert.equal(await page.isDisabled('#erase-household'), true, 'a name that does not match keeps it off');
  await page.fill('#erase-confirm-name', hh.name);
  assert.equal(await page.isDisabled('#erase-household'), false);
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#erase-household');
  await page.waitForSelector('#household-search');
  const call = (await callsOf(page, 'erase_household')).at(-1);
  assert.deepEqual(call.input, { household_id: hh.id, confirm_name: hh.name, reason: 'duplicate', note: '' });
  assert.equal(await page.evaluate(() => window.__fake.state.households.length), 0);
  await settings(page);
  const erased = await page.$$eval('#erased-list li.erased-household', (lis) => lis.map((li) => li.textContent));
  assert.equal(erased.length, fixture.erasures.erased.length + 1);
  assert.ok(!erased.join(' ').includes(hh.name), 'the erased list names no one');
  await context.close();
});
