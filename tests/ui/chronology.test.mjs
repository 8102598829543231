// The Timeline view: the demo household's chronology as the core made it (fixture.chronology),
// reached from the household page, filtered by child; recording an entry sends the entry typed
// (an approximate date as yyyy-mm); removing one asks for a reason; a refused CSV import shows
// every bad row the core named; the page passes axe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, callsOf, fixture, browserSuite, seriousViolations } from './helpers.mjs';

const open = browserSuite();
const made = fixture.chronology;

async function timeline() {
  const app = await open();
  const { page } = app;
  await unlockDemo(page);
  await page.evaluate((id) => {
    location.hash = `#/household/${id}`;
  }, made.household_id);
  await page.waitForSelector('#open-chronology');
  await page.click('#open-chronology');
  await page.waitForSelector('#chronology-list');
  return app;
}

test('the timeline shows every entry with the core’s words and filters by child', async () => {
  const { page, errors } = await timeline();
  assert.ok(made.entries.length >= 5, 'the demo has a chronology');
  const shown = await page.$$eval('#chronology-list li.chronology-entry', (els) => els.map((e) => e.getAttribute('data-entry-id')));
  assert.deepEqual(
    shown,
    made.entries.map((e) => e.id),
    'every entry, in the core’s order',
  );
  const first = made.entries[0];
  const text = await page.textContent(`li[data-entry-id="${first.id}"]`);
  for (const t of [first.date_text, first.category_label, first.event, first.impact_text, first.children_text]) {
    assert.ok(text.includes(t), `${t} in ${text}`);
  }
  assert.ok(
    made.entries.some((e) => e.entry?.category === 'no-access-visit' || e.category === 'no-access-visit'),
    'a no-access visit is among them',
  );

  // Filter on the youngest: entries naming only other children go; those for all children stay.
  const youngest = made.children.at(-1);
  await page.selectOption('#chronology-filter', youngest.id);
  const filtered = await page.$$eval('#chronology-list li.chronology-entry', (els) => els.map((e) => e.getAttribute('data-entry-id')));
  const expected = made.entries.filter((e) => !e.children.length || e.children.includes(youngest.id)).map((e) => e.id);
  assert.deepEqual(filtered, expected);
  assert.ok(filtered.length < shown.length, 'the filter leaves some out');
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
});

test('recording an entry with only the month known sends yyyy-mm and the children ticked', async () => {
  const { page, errors } = await timeline();
  await page.check('#entry-month-only');
  assert.equal(await page.isVisible('#entry-date-day'), false, 'no day asked for');
  await page.fill('#entry-approx-month', '9');
  await page.fill('#entry-approx-year', '2026');
  await page.selectOption('#entry-category', 'no-access-visit');
  await page.fill('#entry-event', 'Visit cancelled by the family by text message.');
  await page.fill('#entry-agency', 'Exampletown Early Help (fictional)');
  await page.fill('#entry-role', 'Family worker');
  await page.check('#entry-child-1');
  await page.selectOption('#entry-impact', 'not_known');
  await page.fill('#entry-impact-note', 'The children were not seen.');
  await page.fill('#entry-action', 'Visit rebooked for the next week.');
  await page.click('#save-entry');
  await page.waitForFunction(() => document.getElementById('chronology-status').textContent.includes('added'));
  const [call] = await callsOf(page, 'save_chronology_entry');
  assert.equal(call.input.household_id, made.household_id);
  const e = call.input.entry;
  assert.equal(e.id, '');
  assert.equal(e.date, '2026-09');
  assert.equal(e.category, 'no-access-visit');
  assert.deepEqual(e.source, { agency: 'Exampletown Early Help (fictional)', role: 'Family worker' });
  assert.deepEqual(e.children, [made.children[1].id]);
  assert.equal(e.action, 'Visit rebooked for the next week.');
  assert.equal(await page.inputValue('#entry-event'), '', 'the form is cleared after saving');
  assert.deepEqual(errors, []);
});

test('removing asks for a reason; a refused import lists every bad row', async () => {
  const { page, errors } = await timeline();
  const id = made.entries[0].id;
  await page.click(`li[data-entry-id="${id}"] button.remove-entry`);
  await page.click('#confirm-remove');
  assert.equal((await callsOf(page, 'remove_chronology_entry')).length, 0, 'not sent without a reason');
  await page.fill('#remove-reason', 'Recorded twice');
  await page.click('#confirm-remove');
  await page.waitForFunction(() => document.getElementById('chronology-status').textContent.includes('removed'));
  const [call] = await callsOf(page, 'remove_chronology_entry');
  assert.deepEqual([call.input.entry_id, call.input.reason], [id, 'Recorded twice']);

  const message = 'Nothing was imported; correct these rows and try again:\nrow 3, column date: bad\nrow 5, column impact: bad';
  await page.evaluate((m) => window.__fake.failNext('import_chronology_csv', { code: 'invalid', message: m }), message);
  await page.setInputFiles('#import-chronology', { name: 'theirs.csv', mimeType: 'text/csv', buffer: Buffer.from('date\n') });
  await page.waitForFunction(() => document.getElementById('import-error').textContent.length > 0);
  assert.equal(await page.textContent('#import-error'), message);
  const [imp] = await callsOf(page, 'import_chronology_csv');
  assert.equal(imp.input.csv, 'date\n');
  assert.deepEqual(errors, []);
});
