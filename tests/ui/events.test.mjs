// Background events on the first section of a toolkit in progress: listed as recorded, changed,
// added with the date input and removed, each change saved through update_assessment
// (background_events); a completed toolkit lists the core's lines. Expectations come from the
// views the core made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, callsOf, seriousViolations, viewAt } from './helpers.mjs';

const open = browserSuite();
const review = viewAt('review');
const recorded = review.assessment.background_events;

async function openContext() {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  await app.page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await app.page.waitForSelector('#child-tab-0');
  await app.page.click('#section-context');
  await app.page.waitForSelector('#events-list');
  return app;
}

const saved = async (page, n) => {
  await page.waitForFunction((k) => window.__fake.calls.filter((c) => c.name === 'update_assessment' && c.input.patch.background_events).length >= k, n);
  const calls = (await callsOf(page, 'update_assessment')).filter((c) => c.input.patch.background_events);
  return calls.at(-1).input.patch.background_events;
};

test('the recorded events show with their kind, date and note', async () => {
  const { page, errors } = await openContext();
  assert.ok(recorded.length >= 2, 'the demo records background events');
  assert.equal(await page.$$eval('#events-list > fieldset', (x) => x.length), recorded.length);
  for (const [n, e] of recorded.entries()) {
    assert.equal(await page.inputValue(`#event-kind-${n}`), e.kind);
    const [y, m, d] = e.date.split('-');
    assert.equal(await page.inputValue(`#event-date-${n}-day`), String(Number(d)));
    assert.equal(await page.inputValue(`#event-date-${n}-month`), String(Number(m)));
    assert.equal(await page.inputValue(`#event-date-${n}-year`), y);
    assert.equal(await page.inputValue(`#event-note-${n}`), e.note);
  }
  // The kinds offered are the core's, in its order.
  const offered = await page.$$eval('#event-kind-0 option', (xs) => xs.map((x) => [x.value, x.textContent]));
  assert.deepEqual(
    offered,
    review.text.home.event_kinds.map((k) => [k.code, k.label]),
  );
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
});

test('an event can be changed, added with its date, and removed, each saved', async () => {
  const { page, errors } = await openContext();
  // Change the first event's note.
  await page.fill('#event-note-0', 'Moved for work, far from friends.');
  await page.click('#event-kind-1');
  let events = await saved(page, 1);
  assert.equal(events.length, recorded.length);
  assert.equal(events[0].note, 'Moved for work, far from friends.');
  assert.deepEqual(events.slice(1), recorded.slice(1));
  // Add one: nothing is sent until its date is whole.
  const before = (await callsOf(page, 'update_assessment')).length;
  await page.click('#event-add');
  const n = recorded.length;
  await page.waitForSelector(`#event-${n}`);
  assert.equal(await page.isVisible(`#event-unsaved-${n}`), true);
  await page.selectOption(`#event-kind-${n}`, 'bereavement');
  await page.fill(`#event-note-${n}`, "Zoë's grandmother died.");
  await page.fill(`#event-date-${n}-day`, '3');
  await page.fill(`#event-date-${n}-month`, '1');
  assert.equal((await callsOf(page, 'update_assessment')).length, before + 0, 'a part-typed event is not sent');
  await page.fill(`#event-date-${n}-year`, '2026');
  await page.click(`#event-note-${n}`);
  await page.click('#event-add');
  events = await saved(page, 2);
  assert.equal(events.length, recorded.length + 1);
  assert.deepEqual(events.at(-1), { kind: 'bereavement', date: '2026-01-03', note: "Zoë's grandmother died." });
  // Remove the first: the rest are saved without it.
  await page.click('#event-remove-0');
  events = await saved(page, 3);
  assert.equal(events.length, recorded.length);
  assert.deepEqual(events[0], recorded[1]);
  assert.ok(!events.some((e) => e.note === 'Moved for work, far from friends.'));
  assert.equal(await page.$$eval('#events-list > fieldset', (x) => x.length), recorded.length + 1, 'the unsaved new row stays');
  assert.deepEqual(errors, []);
});

test('a completed toolkit lists the core lines and cannot change them', async () => {
  const initial = viewAt('initial');
  const { page, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[0].id}`;
  });
  await page.waitForSelector('#child-tab-0');
  await page.click('#section-context');
  await page.waitForSelector('#background-events');
  const items = await page.$$eval('#background-events li', (xs) => xs.map((x) => x.textContent));
  assert.deepEqual(items, initial.text.home.events);
  assert.equal(await page.$$eval('#event-add', (x) => x.length), 0);
  assert.deepEqual(errors, []);
});
