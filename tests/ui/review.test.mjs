// A review against the stand-in backend: the item screen shows the previous rating from the
// core's view and the item's targets (carried ones with their progress); the summary answers
// the review questions and shows the targets and the trend as the core wrote them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, callsOf, fixture, viewAt } from './helpers.mjs';

const open = browserSuite();

async function reviewAt(page, where) {
  const id = viewAt('review').assessment.id;
  await page.evaluate(
    ([w, a]) => {
      location.hash = `#/${w}/${a}`;
    },
    [where, id],
  );
}

test('re-rating shows the previous rating and the targets carried in, and progress saves', async () => {
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await reviewAt(page, 'toolkit');
  await page.waitForSelector('#previous-rating-1_1');
  const view = viewAt('review');
  const eldest = view.household.children[0].id;
  const before = view.previous_ratings.find((p) => p.item === '1.1' && p.child_id === eldest);
  const shown = await page.textContent('#previous-rating-1_1');
  assert.ok(shown.includes(before.evidence), 'the evidence last time');
  assert.ok(shown.includes(before.impact), 'the impact last time');

  // Amélie's food target, carried from the initial toolkit, with its progress.
  const carried = view.assessment.targets.find((t) => t.item === '1.1' && t.subject.child_id === eldest);
  assert.equal(await page.inputValue('#target-change-1_1-0'), carried.change);
  assert.equal(await page.inputValue('#target-progress-1_1-0'), carried.progress);
  assert.equal(await page.textContent('#targets-1_1 .target-carried'), view.review_text.carried);
  assert.equal(await page.locator('#remove-target-1_1-0').count(), 0, 'a carried target is not removed here');
  await page.selectOption('#target-progress-1_1-0', 'some_progress');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  let sent = (await callsOf(page, 'update_assessment')).at(-1).input.patch.targets;
  assert.equal(sent.find((t) => t.id === carried.id).progress, 'some_progress');
  assert.equal(sent.length, view.assessment.targets.length, 'every target is sent');

  // A new target is sent once it says what needs to change.
  await page.click('#add-target-1_1');
  await page.fill('#target-change-1_1-1', 'Amélie eats a hot meal at home each evening');
  await page.fill('#target-who-1_1-1', 'Łukasz');
  await page.press('#target-who-1_1-1', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  sent = (await callsOf(page, 'update_assessment')).at(-1).input.patch.targets;
  const added = sent.find((t) => t.change === 'Amélie eats a hot meal at home each evening');
  assert.ok(added, 'the new target is saved');
  assert.deepEqual(added.subject, { kind: 'child', child_id: eldest });
  assert.equal(added.carried_from, null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the review summary answers the questions and shows the targets and the trend', async () => {
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await reviewAt(page, 'summary');
  await page.waitForSelector('#review-questions');
  const view = viewAt('review');
  const questions = fixture.definition.review_questions;
  assert.equal(questions.length, 5);
  for (const q of questions) {
    const answer = view.assessment.review_answers.find((x) => x.question === q.id);
    assert.equal(await page.inputValue(`#review-answer-${q.id}`), answer ? answer.answer : '');
  }
  await page.fill(`#review-answer-${questions[0].id}`, 'Yes: breakfast every day now.');
  await page.press(`#review-answer-${questions[0].id}`, 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const sent = (await callsOf(page, 'update_assessment')).at(-1).input.patch.review_answers;
  assert.deepEqual(
    sent.find((x) => x.question === questions[0].id),
    { question: questions[0].id, answer: 'Yes: breakfast every day now.' },
  );

  const lines = await page.$$eval('#target-list li', (els) => els.map((e) => e.textContent));
  assert.deepEqual(lines, view.review_text.targets);

  const tables = await page.$$eval('#trend table.trend-table', (els) => els.map((e) => e.getAttribute('data-child-id')));
  assert.deepEqual(
    tables,
    view.household.children.map((c) => c.id),
  );
  const columns = await page.$$eval(`#trend table[data-child-id="${tables[0]}"] thead th`, (els) => els.slice(1).map((e) => e.textContent));
  assert.deepEqual(columns, view.review_text.trend_columns);
  const rows = await page.$$eval(`#trend table[data-child-id="${tables[0]}"] tbody tr`, (els) => els.length);
  assert.equal(rows, view.trend.children[0].areas.length);
  assert.deepEqual(errors, []);
  await context.close();
});
