// The interface shows the core's words exactly as the core composed them (view.text and the
// lists' status and kind words): prompts, change words, sustained improvements, history lines,
// status and kind words, ages and the ink of level chips. Expectations come from the fixture the
// core wrote, never from words restated here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();

async function unlocked() {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  return app;
}

async function openSummary(page, n) {
  await page.evaluate((i) => {
    location.hash = `#/summary/${window.__fake.state.assessments[i].id}`;
  }, n);
  await page.waitForSelector('#profile-grid');
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));

/** `#rrggbb` as the browser reports a computed colour. */
const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

test("prompts and history lines are the core's, in its order", async () => {
  const { page, context, errors } = await unlocked();
  const view = viewAt('initial');
  assert.ok(view.text.prompts.length > 0, 'the demo raises prompts');
  await openSummary(page, 0);
  assert.deepEqual(
    await texts(page, '#prompt-list .prompt-main'),
    view.text.prompts.map((p) => p.headline),
  );
  assert.deepEqual(
    await texts(page, '#prompt-list li p:not(.prompt-main)'),
    view.text.prompts.map((p) => p.action),
  );
  assert.deepEqual(
    await page.$$eval('#prompt-list li', (li) => li.map((x) => x.className)),
    view.text.prompts.map((p) => `prompt prompt-${p.kind}`),
  );
  assert.deepEqual(await texts(page, '.history li'), view.text.history);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a review with no prompts says what the core says, and its changes use the core's words", async () => {
  const { page, context, errors } = await unlocked();
  const view = viewAt('review');
  await openSummary(page, 1);
  if (view.text.prompts.length) {
    assert.deepEqual(
      await texts(page, '#prompt-list .prompt-main'),
      view.text.prompts.map((p) => p.headline),
    );
  } else {
    assert.equal(await page.textContent('#prompt-list'), view.text.no_prompts);
  }
  const rows = await page.$$eval('#comparison tr[data-change]', (trs) =>
    trs.map((tr) => ({
      change: tr.getAttribute('data-change'),
      word: [...tr.querySelector('td.change').childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(''),
    })),
  );
  assert.ok(rows.length > 0);
  for (const r of rows) assert.equal(r.word, view.text.changes[r.change], `the word for ${r.change}`);
  const kinds = new Set(rows.map((r) => r.change));
  assert.ok(kinds.has('no_longer_assessed'), 'the demo review has items not assessed this time');
  assert.deepEqual(errors, []);
  await context.close();
});

test('sustained improvements are shown as the core wrote them', async () => {
  const { page, context } = await unlocked();
  // Plant a sentence in the core's view of the review: the interface must show it unchanged.
  await page.evaluate(() => {
    const v = window.__fake.fixture.views.find((x) => x.step === 'review').view;
    const child = v.household.children[0].id;
    v.sustained = [{ child_id: child, item: '1.1', from: 3, to: 2, reviews: 2 }];
    v.text.sustained = ['A sentence the core wrote, shown as it is.'];
  });
  await openSummary(page, 1);
  assert.deepEqual(await texts(page, '#sustained-list li'), ['A sentence the core wrote, shown as it is.']);
  await context.close();
});

test("level chips take the core's fill and ink, even where a formula would choose otherwise", async () => {
  const { page, context } = await unlocked();
  const levels = viewAt('initial').text.levels;
  await page.evaluate(() => {
    // A dark fill with black ink: only the core's choice can give this.
    const v = window.__fake.fixture.views.find((x) => x.step === 'initial').view;
    v.text.levels[0].fill = '#102040';
    v.text.levels[0].ink = '#000000';
  });
  await openSummary(page, 0);
  const chips = await page.$$eval('.legend .chip', (els) => els.map((e) => ({ bg: getComputedStyle(e).backgroundColor, ink: getComputedStyle(e).color })));
  assert.deepEqual(chips[0], { bg: rgb('#102040'), ink: rgb('#000000') });
  for (let i = 1; i < levels.length; i += 1) assert.deepEqual(chips[i], { bg: rgb(levels[i].fill), ink: rgb(levels[i].ink) });
  await context.close();
});

test("the lists show the core's status and kind words", async () => {
  const { page, context } = await unlocked();
  const latest = await page.textContent('#household-list .household-meta .status');
  assert.equal(latest, fixture.status_words.draft, 'the latest toolkit, the review, is in progress');
  await page.click('#household-list a.household-link');
  await page.waitForSelector('#assessment-list');
  assert.deepEqual(await texts(page, '.assessment-title strong'), [fixture.kind_words.initial, fixture.kind_words.review]);
  assert.deepEqual(await texts(page, '.assessment-title .status'), [fixture.status_words.completed, fixture.status_words.draft]);
  await context.close();
});

test("each child's age is the core's, and the toolkit never computes one", async () => {
  const { page, context } = await unlocked();
  const view = viewAt('review');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#child-tab-0');
  const shown = await texts(page, '.child-switcher .child-age');
  assert.deepEqual(
    shown,
    view.text.children.map((c) => ` (${c.age})`),
  );
  await context.close();
});
