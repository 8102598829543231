// The child's voice on screen: how each view was heard (the ways, the interpretation kept apart
// from the child's words), the professional-interpreter rule and its confirmation, whether the
// child was seen alone, and the same on a child's own view of a household item. Expectations come
// from the views the core made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, callsOf, seriousViolations, viewAt } from './helpers.mjs';

const open = browserSuite();
const review = viewAt('review');
const children = review.household.children;
const voice = review.text.voice;

async function openContext() {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  await app.page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await app.page.waitForSelector('#child-tab-0');
  await app.page.click('#section-context');
  await app.page.waitForSelector('#child-voice-1');
  return app;
}

const lastChildViews = async (page) => {
  const calls = (await callsOf(page, 'update_assessment')).filter((c) => c.input.patch.child_views);
  assert.ok(calls.length > 0, 'the child views were saved');
  return calls.at(-1).input.patch.child_views;
};

test("each child's view shows how it was heard, the interpretation apart, and whether seen alone", async () => {
  const { page, errors } = await openContext();
  for (const [n, c] of children.entries()) {
    const text = review.text.children.find((x) => x.child_id === c.id);
    if (!text.can_give_view) {
      // No view is asked of an unborn baby: neither the field nor how it was heard is offered.
      assert.equal(await page.$(`#child-overall-view-${n}`), null, `${c.name} has no view field`);
      assert.equal(await page.$(`#heard-interpretation-overall-${n}`), null);
      continue;
    }
    const note = review.assessment.child_views.find((x) => x.child_id === c.id);
    const heard = note.heard || { methods: [], interpretation: '' };
    for (const m of voice.methods) {
      assert.equal(await page.isChecked(`#heard-overall-${n}-${m.code}`), heard.methods.includes(m.code), `${c.name} ${m.code}`);
    }
    assert.equal(await page.inputValue(`#child-overall-view-${n}`), note.text);
    assert.equal(await page.inputValue(`#heard-interpretation-overall-${n}`), heard.interpretation);
    const alone = voice.seen_alone.find((x) => x.child_id === c.id);
    assert.equal((await page.textContent(`#seen-alone-${n}`)).trim(), alone.text);
  }
  // Oskar's view came through a professional interpreter: the rule is shown with the language.
  assert.ok(review.assessment.child_views[1].heard.methods.includes('interpreter'));
  assert.equal(await page.isVisible('#heard-interpreter-overall-1'), true);
  assert.equal((await page.textContent('#heard-rule-overall-1')).trim(), voice.interpreter_rule);
  assert.equal(await page.isChecked('#heard-professional-overall-1'), true);
  assert.equal(await page.inputValue('#heard-language-overall-1'), review.assessment.child_views[1].heard.interpreter.language);
  // Amélie had none: the interpreter part stays hidden.
  assert.equal(await page.isVisible('#heard-interpreter-overall-0'), false);
  // The child's-view guidance is still shown beside the field.
  assert.ok((await page.$$('[id^="guidance-child-view-1-"]')).length > 0);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
});

test('an interpreter is saved only once confirmed as a professional one, and unticking removes it', async () => {
  const { page, errors } = await openContext();
  const amelie = children[0].id;
  const before = (await callsOf(page, 'update_assessment')).length;
  await page.check('#heard-overall-0-interpreter');
  assert.equal(await page.isVisible('#heard-rule-overall-0'), true);
  assert.equal((await callsOf(page, 'update_assessment')).length, before, 'nothing is saved before the confirmation');
  await page.fill('#heard-language-overall-0', 'French');
  await page.check('#heard-professional-overall-0');
  await page.waitForFunction(() => document.querySelector('#save-state')?.textContent.includes('Saved'));
  let saved = (await lastChildViews(page)).find((x) => x.child_id === amelie);
  assert.ok(saved.heard.methods.includes('interpreter'));
  assert.deepEqual(saved.heard.interpreter, { kind: 'professional', language: 'French' });
  // The methods keep the core's order.
  assert.deepEqual(
    saved.heard.methods,
    voice.methods.map((m) => m.code).filter((c) => saved.heard.methods.includes(c)),
  );
  await page.uncheck('#heard-overall-0-interpreter');
  await page.waitForFunction((n) => window.__fake.calls.filter((c) => c.name === 'update_assessment').length > n, before + 1);
  saved = (await lastChildViews(page)).find((x) => x.child_id === amelie);
  assert.equal(saved.heard.interpreter, null);
  assert.ok(!saved.heard.methods.includes('interpreter'));
  assert.equal(await page.isVisible('#heard-interpreter-overall-0'), false);
  // The interpretation is typed apart from the child's words.
  await page.fill('#heard-interpretation-overall-0', 'She seemed relieved to talk about it.');
  await page.click('#child-overall-view-0');
  await page.waitForFunction(() =>
    window.__fake.calls.some((c) => c.name === 'update_assessment' && JSON.stringify(c.input.patch).includes('relieved to talk')),
  );
  saved = (await lastChildViews(page)).find((x) => x.child_id === amelie);
  assert.equal(saved.heard.interpretation, 'She seemed relieved to talk about it.');
  assert.equal(saved.text, review.assessment.child_views[0].text);
  assert.deepEqual(errors, []);
});

test("a child's own view on a household item shows how it was heard", async () => {
  const app = await open({ unlocked: true });
  const { page, errors } = app;
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#child-tab-0');
  await page.click('#area-tab-5');
  const r = review.assessment.ratings.find((x) => x.item === '5.2' && x.subject.kind === 'household');
  const oskar = r.per_child.findIndex((e) => e.heard?.methods?.includes('communication_aid'));
  assert.ok(oskar >= 0);
  await page.waitForSelector(`#heard-5_2-${oskar}`);
  assert.equal(await page.isChecked(`#heard-5_2-${oskar}-communication_aid`), true);
  assert.equal(await page.inputValue(`#heard-interpretation-5_2-${oskar}`), r.per_child[oskar].heard.interpretation);
  await page.check(`#heard-5_2-${oskar}-play_or_drawing`);
  await page.waitForFunction(() => window.__fake.calls.some((c) => c.name === 'save_rating' && c.input.rating.item === '5.2'));
  const saves = await callsOf(page, 'save_rating');
  const entry = saves.at(-1).input.rating.per_child[oskar];
  assert.deepEqual(entry.heard.methods, ['play_or_drawing', 'communication_aid']);
  assert.deepEqual(errors, []);
});

test("a child's view on the child's own item shows how it was heard, saved with the rating", async () => {
  const app = await open({ unlocked: true });
  const { page, errors } = app;
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  const r = review.assessment.ratings.find((x) => x.subject.kind === 'child' && x.heard?.interpretation);
  assert.ok(r, 'the demo hears a view on a child item');
  const n = children.findIndex((c) => c.id === r.subject.child_id);
  const key = r.item.replace('.', '_');
  await page.waitForSelector(`#child-tab-${n}`);
  await page.click(`#child-tab-${n}`);
  await page.click(`#area-tab-${r.item.split('.')[0]}`);
  await page.waitForSelector(`#heard-${key}`);
  // The same fields as the overall view: every way offered, those recorded ticked, and the
  // interpretation in its own box, apart from the child's words.
  for (const m of voice.methods) {
    assert.equal(await page.isChecked(`#heard-${key}-${m.code}`), r.heard.methods.includes(m.code), m.code);
  }
  assert.equal(await page.inputValue(`#heard-interpretation-${key}`), r.heard.interpretation);
  assert.equal(await page.inputValue(`#child-view-${key}`), r.child_view);
  assert.equal(await page.isVisible(`#heard-interpreter-${key}`), false);
  // A way ticked is saved with the rating, the other fields kept.
  await page.check(`#heard-${key}-observation`);
  await page.waitForFunction((item) => window.__fake.calls.some((c) => c.name === 'save_rating' && c.input.rating.item === item), r.item);
  let saved = (await callsOf(page, 'save_rating')).at(-1).input.rating;
  assert.deepEqual(saved.subject, r.subject);
  assert.deepEqual(
    saved.heard.methods,
    voice.methods.map((m) => m.code).filter((c) => c === 'observation' || r.heard.methods.includes(c)),
  );
  assert.equal(saved.heard.interpretation, r.heard.interpretation);
  assert.equal(saved.child_view, r.child_view);
  // The interpretation is saved as it is typed, in its own field.
  await page.fill(`#heard-interpretation-${key}`, 'Drew the fridge as empty.');
  await page.waitForFunction(
    (item) =>
      window.__fake.calls.some(
        (c) => c.name === 'save_rating' && c.input.rating.item === item && c.input.rating.heard?.interpretation === 'Drew the fridge as empty.',
      ),
    r.item,
  );
  saved = (await callsOf(page, 'save_rating')).at(-1).input.rating;
  assert.equal(saved.heard.interpretation, 'Drew the fridge as empty.');
  assert.equal(saved.child_view, r.child_view);
  // Through an interpreter: the rule shows, and it is saved once a professional is confirmed.
  await page.check(`#heard-${key}-interpreter`);
  assert.equal(await page.isVisible(`#heard-rule-${key}`), true);
  await page.check(`#heard-professional-${key}`);
  await page.waitForFunction(
    (item) => window.__fake.calls.some((c) => c.name === 'save_rating' && c.input.rating.item === item && c.input.rating.heard?.interpreter),
    r.item,
  );
  saved = (await callsOf(page, 'save_rating')).at(-1).input.rating;
  assert.equal(saved.heard.interpreter.kind, 'professional');
  assert.ok(saved.heard.methods.includes('interpreter'));
  assert.deepEqual(errors, []);
});

test("a household item offers no shared record of how the children's view was heard", async () => {
  const app = await open({ unlocked: true });
  const { page, errors } = app;
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#child-tab-0');
  await page.click('#area-tab-5');
  await page.waitForSelector('#child-view-5_2');
  // Each child's own view on 5.2 has its fields; the children's shared view has none.
  assert.equal(await page.$('#heard-5_2'), null);
  assert.equal(await page.$('#heard-interpretation-5_2'), null);
  assert.deepEqual(errors, []);
});
