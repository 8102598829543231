// The History view: reached from the household page, it shows the demo household's History as
// the core made it (fixture.history: the same lines `ntk vault audit --household` prints) in a
// table with a caption and column headings, never a rated text or the records' old content;
// another household shows the core's empty text; the Family view never reaches it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, callsOf, fixture, viewAt, browserSuite, seriousViolations } from './helpers.mjs';

const open = browserSuite();
const made = fixture.history;

async function history() {
  const app = await open();
  const { page } = app;
  await unlockDemo(page);
  await page.evaluate((id) => {
    location.hash = `#/household/${id}`;
  }, made.household_id);
  await page.waitForSelector('#open-history');
  await page.click('#open-history');
  await page.waitForSelector('#history-table');
  return app;
}

test('the History lists who changed what, when and why, in the core’s words and order', async () => {
  const { page, errors } = await history();
  assert.equal(await page.evaluate(() => location.hash), `#/household/${made.household_id}/history`);
  assert.ok(made.lines.length >= 8, 'the demo has a History');
  assert.equal(await page.textContent('#history-about'), made.about);
  assert.equal(await page.isVisible('#history-empty'), false);

  const headings = await page.$$eval('#history-table thead th', (els) => els.map((e) => [e.textContent, e.getAttribute('scope')]));
  assert.deepEqual(headings, [
    ['When', 'col'],
    ['Who', 'col'],
    ['What', 'col'],
    ['Why', 'col'],
    ['Record', 'col'],
  ]);
  assert.ok((await page.textContent('#history-table caption')).length > 0, 'the table has a caption');

  const rows = await page.$$eval('#history-table tr.history-line', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(
    rows,
    made.lines.map((l) => [l.when_text, l.who_text, l.what, l.why ?? '', l.record]),
    'every line, in the core’s order, with its words',
  );
  const amended = made.lines.find((l) => l.why === fixture.amend_reason);
  assert.ok(amended, 'the amendment is in the History with its reason');
  assert.ok(rows.some((r) => r[3] === fixture.amend_reason));
  const times = await page.$$eval('#history-table time', (els) => els.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(
    times,
    made.lines.map((l) => l.at),
  );
  const calls = await callsOf(page, 'get_history');
  assert.deepEqual(
    calls.map((c) => c.input),
    [{ household_id: made.household_id }],
  );
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
});

test('the History page holds none of what the records said', async () => {
  const { page, errors } = await history();
  const said = [];
  for (const step of ['initial', 'review']) {
    const a = viewAt(step).assessment;
    for (const r of a.ratings) said.push(r.evidence, r.impact, r.strengths, r.child_view);
    said.push(a.background, a.analysis, a.practitioner_notes, a.carer_view);
    const hh = viewAt(step).household;
    for (const c of hh.children) said.push(c.name);
    for (const c of hh.carers) said.push(c.name);
    said.push(hh.reference, hh.address.postcode, ...hh.address.lines);
  }
  for (const e of fixture.chronology.entries) said.push(e.event, e.impact_note, e.action);
  const texts = [...new Set(said.filter((t) => typeof t === 'string' && t.trim().length >= 3))];
  assert.ok(texts.length > 20, `the demo fills these texts (${texts.length})`);
  const table = await page.textContent('#history-table');
  for (const t of texts) assert.ok(!table.includes(t), `the History shows ${JSON.stringify(t.slice(0, 60))}`);
  assert.deepEqual(errors, []);
});

test('a household with no History shows the core’s empty text', async () => {
  const app = await open();
  const { page, errors } = app;
  await page.waitForSelector('#unlock-passphrase');
  const other = 'eeee0000eeee0000eeee0000eeee0000';
  await page.evaluate((id) => {
    const s = window.__fake.state;
    const copy = JSON.parse(JSON.stringify(s.households[0]));
    copy.id = id;
    copy.name = 'Quiet household (fictional)';
    s.households.push(copy);
  }, other);
  await unlockDemo(page);
  await page.evaluate((id) => {
    location.hash = `#/household/${id}/history`;
  }, other);
  await page.waitForSelector('#history-empty:not([hidden])');
  assert.equal(await page.textContent('#history-empty'), made.empty_text);
  assert.equal(await page.isVisible('#history-table'), false);
  assert.equal(await page.textContent('h1'), 'History: Quiet household (fictional)');
  assert.deepEqual(errors, []);
});

test('the Family view never shows the History, and the backend refuses it there', async () => {
  const { page, errors } = await open();
  await unlockDemo(page);
  await page.evaluate((id) => {
    location.hash = `#/summary/${id}`;
  }, viewAt('initial').assessment.id);
  await page.waitForSelector('#family-view-button:not([hidden])');
  await page.click('#family-view-button');
  await page.waitForSelector('#family-banner');
  const before = (await callsOf(page, 'get_history')).length;
  await page.evaluate((id) => {
    location.hash = `#/household/${id}/history`;
  }, made.household_id);
  // Give the page the chance to follow the route (it must not).
  await page.waitForTimeout(300);
  assert.equal(await page.$('#history-table'), null);
  assert.equal(await page.$('#open-history'), null);
  const text = await page.evaluate(() => document.body.textContent);
  assert.ok(!text.includes(made.about));
  for (const l of made.lines) assert.ok(!text.includes(l.what), `the family view shows ${l.what}`);
  assert.equal((await callsOf(page, 'get_history')).length, before, 'the page did not ask for the History');
  const code = await page.evaluate(
    (id) =>
      window.__TAURI__.core.invoke('get_history', { input: { household_id: id } }).then(
        () => 'served',
        (e) => e.code,
      ),
    made.household_id,
  );
  assert.equal(code, 'family_view');
  assert.deepEqual(errors, []);
});
