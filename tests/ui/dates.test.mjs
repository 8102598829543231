// Dates typed as day, month and year (ui/components/date-input.js): the same date is stored
// whatever the browser's language and time zone, what was typed is checked with the GOV.UK
// wording, a date typed only in part is never sent, an empty date looks empty, the keyboard is
// enough, axe finds nothing serious, and the core's refusal of a date is shown beside it.
//
// The browser tests run twice: in en-GB (Europe/London) and in a Chromium started with
// --lang=en-US whose pages say navigator.language is en-US (America/New_York), the setting in
// which a browser's own date picker turned 29/07/2026 into 7 December 2026.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveUi, launch, openApp, callsOf, seriousViolations, screenshot, viewAt } from './helpers.mjs';
import { parseDate, DateError, exampleHint } from '../../ui/components/date-input.js';

const PLACES = [
  { locale: 'en-GB', timezoneId: 'Europe/London' },
  { locale: 'en-US', timezoneId: 'America/New_York' },
];

let server;
const browsers = {};
before(async () => {
  server = await serveUi();
  for (const p of PLACES) browsers[p.locale] = await launch(p.locale);
});
after(async () => {
  for (const b of Object.values(browsers)) await b.close();
  await server.close();
});

const name = 'Date of birth';
const fails = (typed, message, parts) =>
  assert.throws(
    () => parseDate(typed, name),
    (e) => e instanceof DateError && e.message === message && JSON.stringify(e.parts) === JSON.stringify(parts),
    `${JSON.stringify(typed)} should fail with "${message}" on ${parts}`,
  );

test('what was typed is read as day, month, year, with the GOV.UK messages', () => {
  assert.equal(parseDate({ day: '29', month: '7', year: '2026' }, name), '2026-07-29');
  assert.equal(parseDate({ day: ' 09 ', month: '07', year: '2026' }, name), '2026-07-09');
  assert.equal(parseDate({ day: '29', month: '2', year: '2024' }, name), '2024-02-29', 'a leap day');
  assert.equal(parseDate({ day: '', month: ' ', year: '' }, name), '', 'nothing typed is an empty date');
  fails({ day: '29', month: '', year: '2026' }, 'Date of birth must include a month', ['month']);
  fails({ day: '', month: '7', year: '2026' }, 'Date of birth must include a day', ['day']);
  fails({ day: '29', month: '7', year: '' }, 'Date of birth must include a year', ['year']);
  fails({ day: '', month: '', year: '2026' }, 'Date of birth must include a day and month', ['day', 'month']);
  fails({ day: '29', month: '', year: '' }, 'Date of birth must include a month and year', ['month', 'year']);
  fails({ day: '29', month: '2', year: '2026' }, 'Date of birth must be a real date', ['day']);
  fails({ day: '31', month: '4', year: '2026' }, 'Date of birth must be a real date', ['day']);
  fails({ day: '0', month: '4', year: '2026' }, 'Date of birth must be a real date', ['day']);
  fails({ day: '12', month: '13', year: '2026' }, 'Date of birth must be a real date', ['month']);
  fails({ day: '12', month: 'July', year: '2026' }, 'Date of birth must be a real date', ['month']);
  fails({ day: '1.5', month: '7', year: '2026' }, 'Date of birth must be a real date', ['day']);
  fails({ day: '29', month: '7', year: '26' }, 'Year must include 4 numbers', ['year']);
  fails({ day: '29', month: '7', year: '20266' }, 'Year must include 4 numbers', ['year']);
  assert.equal(exampleHint('2026-03-07'), 'For example, 7 3 2026');
});

/** Open a new household, saved with its name, then add one child named `child`, in the given place. */
async function newHousehold(place, child) {
  const app = await openApp(browsers[place.locale], server, { unlocked: true }, undefined, place);
  const { page } = app;
  await page.waitForSelector('#household-search');
  await page.click('#new-household');
  await page.waitForSelector('#household-name');
  await page.fill('#household-name', 'Date family');
  await page.press('#household-name', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  await page.click('#add-child');
  await page.fill('#child-name-0', child);
  return app;
}

async function typeDate(page, id, day, month, year) {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
  await page.press(`#${id}-year`, 'Tab');
}

/** The children of every household the stand-in was asked to save. */
const childrenSent = async (page) => (await callsOf(page, 'save_household')).flatMap((c) => c.input.children);

const boxes = (page, id) => Promise.all(['day', 'month', 'year'].map((p) => page.inputValue(`#${id}-${p}`)));

for (const place of PLACES) {
  test(`${place.locale}: 29 / 7 / 2026 is stored as 2026-07-29 and shown back as typed`, async () => {
    const { page, context, errors } = await newHousehold(place, 'Mia Date');
    assert.equal(await page.evaluate(() => navigator.language), place.locale, 'the page runs in the language under test');
    assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), place.timezoneId);
    assert.equal(await page.$$eval('input[type="date"]', (x) => x.length), 0, 'no browser date picker');
    await typeDate(page, 'child-date-0', '29', '7', '2026');
    await page.waitForSelector('#save-state:has-text("Saved at")');
    const saved = (await callsOf(page, 'save_household')).at(-1).input;
    assert.deepEqual(saved.children[0].birth, { kind: 'born', date: '2026-07-29' });
    // Open the household again: the boxes hold the stored date in the same order.
    const id = await page.evaluate(() => window.__fake.state.households.find((x) => x.name === 'Date family').id);
    await page.click('.breadcrumb a');
    await page.waitForSelector('#household-search');
    await page.evaluate((x) => {
      location.hash = `#/household/${x}`;
    }, id);
    await page.waitForSelector('#child-date-0-day');
    assert.deepEqual(await boxes(page, 'child-date-0'), ['29', '7', '2026']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`${place.locale}: a missing month shows the GOV.UK error and saves nothing`, async () => {
    const { page, context, errors } = await newHousehold(place, 'Ravi Date');
    await page.fill('#child-date-0-day', '29');
    await page.fill('#child-date-0-year', '2026');
    await page.press('#child-date-0-year', 'Tab');
    await page.waitForSelector('#child-date-0-error:visible');
    assert.equal(await page.textContent('#child-date-0-error'), 'Error: Date of birth must include a month');
    assert.equal(await page.getAttribute('#child-date-0-month', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#child-date-0-day', 'aria-invalid'), null);
    assert.equal(await page.getAttribute('#child-date-0-year', 'aria-invalid'), null);
    assert.match(await page.getAttribute('#child-date-0', 'aria-describedby'), /\bchild-date-0-error\b/);
    // The error comes before the boxes, so it is read before them.
    const errorFirst = await page.evaluate(
      () =>
        document.getElementById('child-date-0-error').compareDocumentPosition(document.getElementById('child-date-0-day')) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    assert.ok(errorFirst, 'the message is above the boxes');
    await page.click('#save-household');
    await page.waitForSelector('#save-state:has-text("Not saved")');
    assert.match(await page.textContent('#save-state'), /Date of birth must include a month/);
    assert.deepEqual(await childrenSent(page), [], 'nothing was sent with the child');
    assert.deepEqual(await boxes(page, 'child-date-0'), ['29', '', '2026'], 'what was typed is kept');
    await screenshot(page, `dates-missing-month-${place.locale}`);
    assert.deepEqual(await seriousViolations(page), [], 'axe on a date in error');
    // Typing the month clears the message, and the date is saved.
    await page.fill('#child-date-0-month', '7');
    await page.waitForSelector('#child-date-0-error', { state: 'hidden' });
    assert.equal(await page.getAttribute('#child-date-0-month', 'aria-invalid'), null);
    await page.press('#child-date-0-month', 'Tab');
    await page.waitForSelector('#save-state:has-text("Saved at")');
    assert.equal((await callsOf(page, 'save_household')).at(-1).input.children[0].birth.date, '2026-07-29');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('not a real date, and a two-number year, are refused with their own messages', async () => {
  const { page, context } = await newHousehold(PLACES[1], 'Leo Date');
  await typeDate(page, 'child-date-0', '31', '2', '2026');
  await page.waitForSelector('#child-date-0-error:visible');
  assert.equal(await page.textContent('#child-date-0-error'), 'Error: Date of birth must be a real date');
  assert.equal(await page.getAttribute('#child-date-0-day', 'aria-invalid'), 'true');
  await typeDate(page, 'child-date-0', '28', '2', '26');
  await page.waitForSelector('#child-date-0-error:has-text("Year must include 4 numbers")');
  assert.equal(await page.getAttribute('#child-date-0-year', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#child-date-0-day', 'aria-invalid'), null);
  assert.deepEqual(await childrenSent(page), []);
  await context.close();
});

test('an empty date is three empty boxes, with no date shown in grey', async () => {
  const { page, context } = await newHousehold(PLACES[1], 'Zoe Date');
  assert.deepEqual(await boxes(page, 'child-date-0'), ['', '', '']);
  const looks = await page.$$eval('#child-date-0 input', (inputs) =>
    inputs.map((i) => ({ type: i.type, placeholder: i.getAttribute('placeholder'), inputmode: i.inputMode, autocomplete: i.autocomplete })),
  );
  assert.deepEqual(looks, [
    { type: 'text', placeholder: null, inputmode: 'numeric', autocomplete: 'bday-day' },
    { type: 'text', placeholder: null, inputmode: 'numeric', autocomplete: 'bday-month' },
    { type: 'text', placeholder: null, inputmode: 'numeric', autocomplete: 'bday-year' },
  ]);
  assert.equal(await page.textContent('#child-date-0 legend'), 'Date of birth');
  assert.equal(await page.textContent('#child-date-0-hint'), 'For example, 27 3 2007');
  assert.deepEqual(await page.$$eval('#child-date-0 label', (l) => l.map((x) => x.textContent)), ['Day', 'Month', 'Year']);
  // An expected date is not a birthday: no bday-* autocomplete.
  await page.check('#child-unborn-0');
  assert.equal(await page.textContent('#child-date-0 legend'), 'Expected date');
  assert.equal(
    await page.textContent('#child-date-0-hint'),
    await page.evaluate(() => {
      const d = new Date();
      return `For example, ${d.getDate()} ${d.getMonth() + 1} ${d.getFullYear()}`;
    }),
    'an expected date has a date ahead as its example',
  );
  assert.equal(await page.getAttribute('#child-date-0-day', 'autocomplete'), 'off');
  // On the demo review's summary the dates of the lead's consultation and of the review show as
  // they are stored, day first.
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#review-date-day');
  const decision = viewAt('review').assessment.decision;
  const dayFirst = (iso) => {
    const [y, m, d] = iso.split('-');
    return [String(Number(d)), String(Number(m)), y];
  };
  assert.deepEqual(await boxes(page, 'lead-date'), dayFirst(decision.lead_consulted.date));
  assert.match(decision.review_date, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(await boxes(page, 'review-date'), dayFirst(decision.review_date));
  await context.close();
});

test('a date can be typed with the keyboard alone', async () => {
  const { page, context, errors } = await newHousehold(PLACES[1], 'Kai Date');
  await page.focus('#child-name-0');
  const tabTo = async (id) => {
    for (let i = 0; i < 10; i += 1) {
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`Tab never reached #${id}`);
  };
  await tabTo('child-date-0-day');
  await page.keyboard.type('29');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'child-date-0-month', 'day, then month');
  await page.keyboard.type('07');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'child-date-0-year', 'month, then year');
  await page.keyboard.type('2026');
  await page.keyboard.press('Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.equal((await callsOf(page, 'save_household')).at(-1).input.children[0].birth.date, '2026-07-29');
  assert.deepEqual(errors, []);
  await context.close();
});

test("the core's refusal of a date of birth in the future is shown beside the date, with the date kept", async () => {
  const { page, context, errors } = await newHousehold(PLACES[1], 'Amy Date');
  await page.click('#add-child');
  await page.fill('#child-name-1', 'Ben Date');
  await typeDate(page, 'child-date-0', '3', '3', '2020');
  const next = String(new Date().getFullYear() + 1);
  await typeDate(page, 'child-date-1', '1', '2', next);
  await page.waitForSelector('#save-state:has-text("Not saved")');
  assert.match(await page.textContent('#save-state'), /Date of birth must be in the past/);
  await page.waitForSelector('#child-date-1-error:visible');
  assert.match(await page.textContent('#child-date-1-error'), /Date of birth must be in the past: Ben Date/);
  assert.equal(await page.isVisible('#child-date-0-error'), false, 'only the child the core named');
  assert.match(await page.textContent('#household-error'), /Date of birth must be in the past/);
  assert.deepEqual(await boxes(page, 'child-date-1'), ['1', '2', next], 'the date typed is kept');
  // Leaving the boxes again does not take the message away; changing the date does.
  await page.focus('#child-date-1-day');
  await page.press('#child-date-1-day', 'Tab');
  assert.equal(await page.isVisible('#child-date-1-error'), true);
  await screenshot(page, 'dates-future-refused');
  assert.deepEqual(await seriousViolations(page), [], 'axe on the refused date');
  await page.fill('#child-date-1-year', '2025');
  await page.press('#child-date-1-year', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.equal(await page.isVisible('#child-date-1-error'), false);
  assert.equal(await page.textContent('#household-error'), '');
  const saved = (await callsOf(page, 'save_household')).at(-1).input;
  assert.deepEqual(
    saved.children.map((c) => c.birth.date),
    ['2020-03-03', '2025-02-01'],
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a visit date and the review date are typed as day, month, year in en-US', async () => {
  const place = PLACES[1];
  const { page, context, errors } = await openApp(browsers[place.locale], server, { unlocked: true }, undefined, place);
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#section-context');
  await page.click('#section-context');
  await page.waitForSelector('#background');
  const before = await page.evaluate(() => window.__fake.state.assessments[1].visits.length);
  await page.click('#add-visit');
  const n = before;
  await page.waitForSelector(`#visit-date-${n}-day:focus`);
  await typeDate(page, `visit-date-${n}`, '4', '3', '2026');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.equal(await page.evaluate((i) => window.__fake.state.assessments[1].visits[i].date, n), '2026-03-04');
  // Emptied, a visit keeps its date and asks for one.
  for (const p of ['day', 'month', 'year']) await page.fill(`#visit-date-${n}-${p}`, '');
  await page.press(`#visit-date-${n}-year`, 'Tab');
  await page.waitForSelector(`#visit-date-${n}-error:has-text("Enter the date of the visit")`);
  assert.equal(await page.evaluate((i) => window.__fake.state.assessments[1].visits[i].date, n), '2026-03-04');
  assert.deepEqual(await seriousViolations(page), [], 'axe on the visits');

  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#review-date-day');
  await page.fill('#review-date-day', '10');
  await page.fill('#review-date-month', '');
  await page.fill('#review-date-year', '2027');
  await page.press('#review-date-year', 'Tab');
  await page.waitForSelector('#review-date-error:has-text("Review date must include a month")');
  const sent = () => callsOf(page, 'update_assessment').then((c) => c.filter((x) => x.input.patch.decision).length);
  assert.equal(await sent(), 0, 'a part-typed review date is not sent');
  await page.fill('#review-date-month', '1');
  await page.press('#review-date-month', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const decision = (await callsOf(page, 'update_assessment')).at(-1).input.patch.decision;
  assert.equal(decision.review_date, '2027-01-10');
  assert.deepEqual(await seriousViolations(page), [], 'axe on the summary');
  assert.deepEqual(errors, []);
  await context.close();
});
