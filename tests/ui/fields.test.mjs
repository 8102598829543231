// Every child individually and everyone's own placement: a child's level set apart with its
// reason, each carer's own placement, a young person's own placement only from the age the core
// says, an unborn baby not offered what does not apply, sharing and the significant-harm flag, and
// the summary's placements, gaps and significant-harm prompt. Expectations come from the views the
// core made (fixtures/demo-views.json), never restated here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, seriousViolations, screenshot, viewAt, fixture, browserSuite } from './helpers.mjs';

const open = browserSuite();

const key = (n) => n.replace(/\./g, '_');
const review = viewAt('review');
const household = review.household;
const carers = household.carers;
const children = household.children;
const ratingOf = (view, item, childId) =>
  view.assessment.ratings.find((r) => r.item === item && (childId ? r.subject.child_id === childId : r.subject.kind === 'household'));

/** The demo's review in progress, open at area `area` for child `n`. */
async function openReview(area, n = 0) {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  await app.page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await app.page.waitForSelector('#child-tab-0');
  if (n) await app.page.click(`#child-tab-${n}`);
  await app.page.click(`#area-tab-${area}`);
  return app;
}

const lastSaved = async (page) => (await callsOf(page, 'save_rating')).at(-1).input.rating;
const clone = (x) => JSON.parse(JSON.stringify(x));

async function axeClean(page, name, errors) {
  await screenshot(page, name);
  assert.deepEqual(await seriousViolations(page), [], `axe found serious problems on ${name}`);
  assert.deepEqual(errors, [], `script errors on ${name}`);
}

test('a child set apart on a household item is saved only with the reason, and the rest of the rating comes back whole', async () => {
  const { page, context, errors } = await openReview(7);
  const n = 1;
  const child = children[n];
  await page.waitForSelector(`#child-on-7_1-${n}`);
  assert.equal(await page.isVisible(`#child-level-7_1-${n}-3`), false, 'the own level waits behind its button');
  assert.equal(await page.textContent(`#set-apart-7_1-${n}`), `Set a different level for ${child.name}`);
  await page.click(`#set-apart-7_1-${n}`);
  assert.equal(await page.getAttribute(`#set-apart-7_1-${n}`, 'aria-expanded'), 'true');
  const before = (await callsOf(page, 'save_rating')).length;
  await page.click(`label[for="child-level-7_1-${n}-3"]`);
  await page.waitForTimeout(150);
  assert.equal((await callsOf(page, 'save_rating')).length, before, 'no level set apart is sent without its reason');
  assert.notEqual((await page.textContent(`#child-level-error-7_1-${n}`)).trim(), '');
  assert.equal(await page.evaluate(() => document.activeElement.id), `child-reason-7_1-${n}`, 'the reason is asked for next');
  assert.equal(await page.textContent(`#set-apart-level-7_1-${n}`), '', 'nothing shows as saved yet');

  const reason = 'His evenings are planned around him; his sister is left to fend for herself.';
  await page.keyboard.type(reason);
  await page.keyboard.press('Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const sent = await lastSaved(page);
  const expected = clone(ratingOf(review, '7.1'));
  const entry = expected.per_child.find((e) => e.child_id === child.id);
  entry.level = 3;
  entry.level_reason = reason;
  assert.deepEqual(sent, expected, 'the whole rating as received, with only the child set apart changed');
  await page.waitForSelector(`#set-apart-level-7_1-${n} .chip-num`);
  assert.equal(await page.textContent(`#set-apart-level-7_1-${n} .chip-num`), '3', 'the saved level shows beside the name');
  const stored = await page.evaluate(
    ({ id }) =>
      window.__fake.state.assessments[1].ratings.find((r) => r.item === '7.1' && r.subject.kind === 'household').per_child.find((e) => e.child_id === id),
    { id: child.id },
  );
  assert.equal(stored.level, 3);
  assert.equal(stored.level_reason, reason);
  assert.equal(await page.textContent(`#child-level-error-7_1-${n}`), '');
  await axeClean(page, 'fields-set-apart', errors);

  // Back again: the level set apart, its reason and the badge are there, the box open.
  await page.click('#area-tab-1');
  await page.click('#area-tab-7');
  await page.waitForSelector(`#set-apart-level-7_1-${n} .chip-num`);
  assert.equal(await page.isChecked(`#child-level-7_1-${n}-3`), true);
  assert.equal(await page.inputValue(`#child-reason-7_1-${n}`), reason);

  // Using the household's level again sends the child's level as none, the reason kept.
  await page.click(`#child-level-clear-7_1-${n}`);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  await page.waitForFunction((id) => !document.querySelector(`#set-apart-level-7_1-${id} .chip-num`), n);
  const cleared = (await lastSaved(page)).per_child.find((e) => e.child_id === child.id);
  assert.equal(cleared.level, null);
  assert.equal(cleared.level_reason, reason);
  await context.close();
});

test("each child's impact, view and flag on a household item are saved in the household's rating", async () => {
  const { page, context } = await openReview(5);
  const ct = review.text.children;
  for (const [n, c] of children.entries()) {
    await page.waitForSelector(`#child-impact-5_2-${n}`);
    const own = ratingOf(review, '5.2').per_child.find((e) => e.child_id === c.id);
    assert.equal(await page.inputValue(`#child-impact-5_2-${n}`), own ? own.impact : '', `${c.name}'s own impact`);
    assert.equal(Boolean(await page.$(`#child-view-5_2-${n}`)), ct[n].can_give_view);
  }
  await page.fill('#child-impact-5_2-2', 'Maja wakes crying after the arguments.');
  await page.press('#child-impact-5_2-2', 'Tab');
  await page.check('#child-harm-5_2-2');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const sent = await lastSaved(page);
  const maja = sent.per_child.find((e) => e.child_id === children[2].id);
  assert.equal(maja.impact, 'Maja wakes crying after the arguments.');
  assert.equal(maja.significant_harm, true);
  assert.equal(sent.significant_harm, false, 'the flag is for this child, not the household');
  assert.equal(sent.per_child.length, ratingOf(review, '5.2').per_child.length, 'no child entry lost or added');
  await context.close();
});

test('two carers place themselves differently, each beside their own words', async () => {
  const { page, context, errors } = await openReview(1);
  assert.ok(carers.length >= 2, 'the demo has two carers');
  const legends = await page.$$eval('#item-1_1 .placement legend', (l) => l.map((x) => x.textContent));
  assert.deepEqual(
    legends.slice(0, carers.length),
    carers.map((c) => `Where would ${c.name} place themselves?`),
  );
  await page.click('label[for="carer-1_1-1"]');
  await page.click('label[for="carer-1_1-3-1"]');
  await page.fill('#carer-words-1_1-1', 'Money runs out before the end of the month.');
  await page.press('#carer-words-1_1-1', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const sent = await lastSaved(page);
  const by = (id) => sent.placements.find((p) => p.by.kind === 'carer' && p.by.carer_id === id);
  assert.equal(by(carers[0].id).level, 1);
  assert.equal(by(carers[1].id).level, 3);
  assert.equal(by(carers[1].id).words, 'Money runs out before the end of the month.');
  // The young person's own placement, recorded before, is still sent as it was.
  const young = ratingOf(review, '1.1', children[0].id).placements.find((p) => p.by.kind === 'child');
  assert.deepEqual(
    sent.placements.find((p) => p.by.kind === 'child'),
    young,
  );
  assert.equal(await page.isChecked(`#young-1_1-${young.level}`), true);
  assert.equal(await page.inputValue('#young-words-1_1'), young.words);
  await axeClean(page, 'fields-placements', errors);
  await context.close();
});

test("a young person's own placement is offered only for a child old enough", async () => {
  const { page, context } = await openReview(1);
  const ct = review.text.children;
  assert.ok(ct.some((c) => c.may_place_themselves) && ct.some((c) => !c.may_place_themselves), 'the demo has a child old enough and one not');
  for (const [n, c] of children.entries()) {
    // Food is not asked before birth.
    if (ct[n].not_offered.includes('1.1')) continue;
    await page.click(`#child-tab-${n}`);
    await page.waitForSelector('#level-1_1-1');
    assert.equal(Boolean(await page.$('#young-1_1-1')), ct[n].may_place_themselves, `${c.name} on 1.1`);
  }
  await page.click('#area-tab-5');
  await page.waitForSelector('#child-impact-5_2-0');
  for (const [n, c] of children.entries()) {
    assert.equal(Boolean(await page.$(`#young-5_2-${n}-1`)), ct[n].may_place_themselves, `${c.name} on 5.2`);
  }
  // The young person places themselves on a household item: saved in the household's rating.
  const n = ct.findIndex((c) => c.may_place_themselves);
  await page.click(`label[for="young-5_2-${n}-3"]`);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const sent = await lastSaved(page);
  assert.equal(sent.subject.kind, 'household');
  assert.equal(sent.placements.find((p) => p.by.kind === 'child' && p.by.child_id === children[n].id).level, 3);
  await context.close();
});

test("a placement recorded before carers were named shows as the unnamed carer's until a named one is recorded", async () => {
  const app = await open({ unlocked: true });
  const { page, context } = app;
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    const a = window.__fake.state.assessments[1];
    const r = a.ratings.find((x) => x.item === '1.2');
    r.carer_level = 2;
    r.placements = [];
    location.hash = `#/toolkit/${a.id}`;
  });
  await page.waitForSelector('#legacy-carer-1_2');
  assert.ok((await page.textContent('#legacy-carer-1_2')).startsWith(review.text.unnamed_carer));
  assert.equal(await page.textContent('#legacy-carer-1_2 .chip-num'), '2');
  assert.equal(await page.isChecked('#carer-1_2-0'), true, 'no named carer has placed themselves');
  await page.click('label[for="carer-1_2-3"]');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.equal(await page.$('#legacy-carer-1_2'), null);
  const sent = await lastSaved(page);
  assert.equal(sent.carer_level, 2, 'the stored field is sent back as it was');
  assert.equal(sent.placements[0].level, 3);
  await context.close();
});

test('sharing with the family and the significant-harm flag are saved per item', async () => {
  const { page, context } = await openReview(7);
  for (const item of ['7.1', '7.2']) {
    const r = ratingOf(review, item);
    assert.equal(await page.isChecked(`#share-level-${key(item)}`), r.share_level);
    assert.equal(await page.inputValue(`#shared-text-${key(item)}`), r.shared_text);
  }
  await page.click('#area-tab-1');
  await page.waitForSelector('#share-level-1_1');
  assert.equal(await page.isChecked('#share-level-1_1'), false, 'the level is not shown to the family by default');
  await page.check('#share-level-1_1');
  await page.fill('#shared-text-1_1', 'Breakfast is made every morning now.');
  await page.press('#shared-text-1_1', 'Tab');
  await page.check('#harm-1_1');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const sent = await lastSaved(page);
  assert.equal(sent.share_level, true);
  assert.equal(sent.shared_text, 'Breakfast is made every morning now.');
  assert.equal(sent.significant_harm, true);
  const before = ratingOf(review, '1.1', children[0].id);
  assert.deepEqual(
    { ...sent, share_level: before.share_level, shared_text: before.shared_text, significant_harm: before.significant_harm },
    before,
    'nothing else of the rating changed',
  );
  await context.close();
});

test('an unborn baby is not offered the items that do not apply, nor a view, nor being seen at a visit', async () => {
  const expecting = viewAt('expecting-initial');
  const baby = expecting.text.children[0];
  assert.equal(baby.can_give_view, false);
  assert.ok(baby.not_offered.length > 0);
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  // The household and its new toolkit, as the core made them, go into the stand-in.
  await page.evaluate(
    ({ hh, a }) => {
      window.__fake.state.households.push(hh);
      window.__fake.state.assessments.push(a);
      location.hash = `#/toolkit/${a.id}`;
    },
    { hh: expecting.household, a: expecting.assessment },
  );
  await page.waitForSelector('#child-tab-0');
  for (const area of fixture.definition.areas) {
    await page.click(`#area-tab-${area.number}`);
    await page.waitForSelector(`#item-${key(area.items[0].number)}`);
    let offered = 0;
    for (const item of area.items) {
      const k = key(item.number);
      const notOffered = item.scope !== 'household' && baby.not_offered.includes(item.number);
      assert.equal(Boolean(await page.$(`#level-${k}-1`)), !notOffered, `${item.number} offered`);
      if (notOffered) {
        assert.equal(await page.textContent(`#not-offered-${k}`), baby.not_offered_reason);
        assert.equal(await page.$(`#impact-${k}`), null);
      } else {
        offered += 1;
        assert.equal(await page.$(`#child-view-${k}`), null, `no child's view on ${item.number}`);
      }
      if (item.scope === 'household') {
        assert.ok(await page.$(`#child-impact-${k}-0`), `the baby's own impact on ${item.number}`);
        assert.equal(await page.$(`#child-view-${k}-0`), null);
      }
    }
    assert.equal(await page.textContent(`#area-progress-${area.number}`), `0 of ${offered} rated`);
    if (area.number === 2) await axeClean(page, 'fields-unborn', errors);
  }
  await page.click('#section-context');
  await page.waitForSelector('#add-visit');
  assert.equal(await page.$('#child-overall-view-0'), null);
  await page.click('#add-visit');
  await page.waitForSelector('#visit-notes-0');
  assert.equal(await page.$('#visit-seen-0-0'), null);
  assert.equal(await page.$('#visit-alone-0-0'), null);
  await context.close();
});

test("the summary shows each person's placement beside the level with the gap, and the significant-harm prompt first", async () => {
  const initial = viewAt('initial');
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[0].id}`;
  });
  await page.waitForSelector('#prompt-list');
  // The demo's item at the top of the scale raises the significant-harm prompt; the core puts it first.
  const prompts = initial.text.prompts;
  assert.equal(prompts[0].kind, 'significant_harm');
  assert.equal(await page.getAttribute('#prompt-list li:first-child', 'class'), 'prompt prompt-significant_harm');
  assert.equal(await page.textContent('#prompt-list li:first-child .prompt-main'), prompts[0].headline);
  const top = Math.max(...initial.text.levels.map((l) => l.code));
  const harmed = initial.summary.children.flatMap((cp) => cp.areas.flatMap((ap) => ap.items.filter((it) => it.level === top)));
  assert.ok(harmed.length > 0, 'the demo has an item at the top of the scale');

  const name = (by) => {
    if (!by) return initial.text.unnamed_carer;
    const who = by.kind === 'carer' ? initial.household.carers.find((c) => c.id === by.carer_id) : initial.household.children.find((c) => c.id === by.child_id);
    return who.name;
  };
  let gaps = 0;
  for (const cp of initial.summary.children) {
    const details = `details.child-items[data-child-id="${cp.child_id}"]`;
    await page.click(`${details} summary`);
    // An item that does not apply to the child (the items before birth for a born child) reads
    // as not offered, and has no level cell.
    for (const it of cp.areas.flatMap((ap) => ap.items).filter((x) => x.applies !== false || x.level !== null)) {
      const row = `${details} tr[data-item="${it.item}"]`;
      const placed = it.placements.filter((p) => p.level !== null);
      const lines = await page.$$eval(`${row} li.placement-line`, (li) => li.map((x) => ({ text: x.textContent, gap: x.dataset.gap })));
      assert.equal(lines.length, placed.length, `${it.item}: one line per placement`);
      placed.forEach((p, i) => {
        assert.ok(lines[i].text.startsWith(`${name(p.by)}: ${p.level}`), `${it.item}: ${lines[i].text}`);
        if (it.level !== null) {
          assert.equal(lines[i].gap, String(Math.abs(p.level - it.level)));
          gaps += 1;
        }
      });
      assert.equal((await page.textContent(`${row} .level-cell`)).includes("Set apart from the household's level"), it.set_apart, `${it.item} set apart`);
    }
  }
  assert.ok(gaps > 0);
  await axeClean(page, 'fields-summary', errors);
  await context.close();
});
