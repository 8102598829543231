// Beyond one laptop: the "received" marker (the core's words: who sent it, when, and the conflict
// to review) in the households list and on the household page; the field-by-field review of the
// incoming version, where each row keeps the stored value unless the incoming one is chosen and
// saving sends exactly the keys chosen; and the usage report in Settings, shown before it is saved
// through the save dialog.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, callsOf, fixture, browserSuite, seriousViolations } from './helpers.mjs';

const open = browserSuite();
const [received] = fixture.received;
const review = fixture.conflict_review;

test('the households list and the household page mark a received household and its conflict', async () => {
  const { page, errors } = await open();
  await unlockDemo(page);
  assert.ok(received.conflict && review.fields.length >= 3, 'the demo has a conflict to review');
  const marker = `#household-list p.received-marker[data-household-id="${received.household_id}"]`;
  await page.waitForSelector(marker);
  const text = await page.textContent(marker);
  assert.ok(text.includes(received.received_text), text);
  assert.ok(text.includes(received.conflict_text), text);
  assert.equal(await page.$$eval('#household-list p.received-marker', (els) => els.length), 1, 'only the received household');

  await page.click(`#household-list a.household-link[data-household-id="${received.household_id}"]`);
  await page.waitForSelector('#view h1 + p.received-marker');
  assert.ok((await page.textContent('#view p.received-marker')).includes(received.received_text));
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#view a.review-conflict');
  await page.waitForSelector('#conflict-fields');
  assert.equal(await page.textContent('#conflict-received'), review.received_text);
  assert.deepEqual(errors, []);
});

test('the review shows both versions field by field and saves the fields chosen', async () => {
  const { page, errors } = await open();
  await unlockDemo(page);
  await page.evaluate((id) => {
    location.hash = `#/conflict/${encodeURIComponent(id)}`;
  }, review.household_id);
  await page.waitForSelector('#conflict-fields');
  const keys = await page.$$eval('fieldset.conflict-field', (els) => els.map((e) => e.getAttribute('data-key')));
  assert.deepEqual(
    keys,
    review.fields.map((f) => f.key),
  );
  for (const f of review.fields) {
    const row = `fieldset.conflict-field[data-key="${f.key}"]`;
    assert.equal(await page.textContent(`${row} .stored-value`), f.stored);
    assert.equal(await page.textContent(`${row} .incoming-value`), f.incoming);
    assert.equal(await page.isChecked(`${row} input.keep-stored`), true, 'the stored value is kept unless chosen');
  }
  const groups = await page.$$eval('#conflict-fields h2', (els) => els.map((e) => e.textContent));
  assert.deepEqual(groups, [...new Set(review.fields.map((f) => f.group))]);
  assert.deepEqual(await seriousViolations(page), []);

  // Take the first and last fields from the incoming version; keep the rest.
  const chosen = [review.fields[0].key, review.fields.at(-1).key];
  for (const k of chosen) await page.check(`fieldset.conflict-field[data-key="${k}"] input.take-incoming`);
  await page.click('#merge-conflict');
  await page.waitForFunction(() => document.getElementById('conflict-status').textContent.startsWith('Saved'));
  const [call] = await callsOf(page, 'merge_handover');
  assert.equal(call.input.household_id, review.household_id);
  assert.deepEqual(call.input.take_incoming, chosen);
  assert.equal(await page.isDisabled('#merge-conflict'), true, 'saved once');

  // The conflict is cleared: the list no longer says there is one to review.
  await page.evaluate(() => {
    location.hash = '#/households';
  });
  await page.waitForSelector(`#household-list p.received-marker[data-household-id="${received.household_id}"]`);
  const text = await page.textContent(`#household-list p.received-marker[data-household-id="${received.household_id}"]`);
  assert.ok(text.includes(received.received_text));
  assert.ok(!text.includes(received.conflict_text), text);
  assert.deepEqual(errors, []);
});

test('a refused merge says why and can be tried again', async () => {
  const { page, errors } = await open();
  await unlockDemo(page);
  await page.evaluate((id) => {
    location.hash = `#/conflict/${encodeURIComponent(id)}`;
  }, review.household_id);
  await page.waitForSelector('#conflict-fields');
  const why = 'Nothing was saved: with these choices, a chronology entry would name a child the household does not have.';
  await page.evaluate((m) => window.__fake.failNext('merge_handover', { code: 'invalid', message: m }), why);
  await page.click('#take-all-incoming');
  assert.equal(await page.$$eval('input.take-incoming:checked', (els) => els.length), review.fields.length);
  await page.click('#merge-conflict');
  await page.waitForFunction(() => document.getElementById('conflict-error').textContent.length > 0);
  assert.ok((await page.textContent('#conflict-error')).includes(why));
  assert.equal(await page.isDisabled('#merge-conflict'), false, 'can try again');
  assert.deepEqual(errors, []);
});

test('Settings shows what the usage report holds before saving it through the save dialog', async () => {
  const { page, errors } = await open();
  await unlockDemo(page);
  await page.click('#nav-settings');
  await page.waitForSelector('#preview-report');
  assert.equal(await page.isDisabled('#save-report'), true, 'not saved before it is shown');
  await page.fill('#report-agency-type', 'health');
  await page.click('#preview-report');
  await page.waitForSelector('#report-preview');
  const rows = await page.$$eval('#report-preview tbody tr', (els) => els.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(
    rows,
    fixture.usage_report.rows.map((r) => [r.label, r.key, String(r.value)]),
  );
  const shown = await page.textContent('#report-preview');
  assert.ok(!shown.includes(received.household_name), 'no household name in the report');
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#save-report');
  await page.waitForFunction(() => document.getElementById('report-status').textContent.startsWith('Saved'));
  const [preview] = await callsOf(page, 'preview_usage_report');
  const [saved] = await callsOf(page, 'save_usage_report');
  assert.equal(preview.input.agency_type, 'health');
  assert.equal(saved.input.agency_type, 'health');

  // Changing the agency type hides the preview until it is shown again.
  await page.fill('#report-agency-type', 'education');
  assert.equal(await page.isDisabled('#save-report'), true);
  assert.equal(await page.$('#report-preview'), null);
  assert.deepEqual(errors, []);
});
