// The main journeys against the stand-in backend: a household with an unborn child, a
// partnership's definition file with faults, completing, amending, reviewing and exporting.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, screenshot, fixture, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();

async function unlocked() {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  return app;
}

test('a new household with a born and an unborn child is saved with both', async () => {
  const { page, context, errors } = await unlocked();
  await page.click('#new-household');
  await page.waitForSelector('#household-name');
  await page.fill('#household-name', 'Okafor family');
  await page.fill('#household-postcode', 'NG7 2AB');
  await page.click('#add-carer');
  await page.fill('#carer-name-0', 'Ada Okafor');
  await page.fill('#carer-relationship-0', 'Mother');
  await page.check('#carer-pr-0');
  await page.click('#add-child');
  await page.fill('#child-name-0', 'Chidi Okafor');
  await page.fill('#child-date-0-day', '2');
  await page.fill('#child-date-0-month', '6');
  await page.fill('#child-date-0-year', '2021');
  await page.click('#add-child');
  await page.fill('#child-name-1', 'Baby Okafor');
  await page.check('#child-unborn-1');
  assert.equal(await page.textContent('#child-date-1 legend'), 'Expected date');
  await page.fill('#child-date-1-day', '1');
  await page.fill('#child-date-1-month', '3');
  await page.fill('#child-date-1-year', '2027');
  await page.click('#save-household');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  await page.waitForSelector('#new-assessment');
  const saved = (await callsOf(page, 'save_household')).at(-1).input;
  assert.equal(saved.name, 'Okafor family');
  assert.deepEqual(
    saved.children.map((c) => c.birth),
    [
      { kind: 'born', date: '2021-06-02' },
      { kind: 'expected', date: '2027-03-01' },
    ],
  );
  assert.equal(saved.carers[0].parental_responsibility, true);
  const stored = await page.evaluate(() => window.__fake.state.households.find((x) => x.name === 'Okafor family'));
  assert.equal(stored.children.length, 2);
  assert.ok(
    stored.children.every((c) => c.id),
    'the backend gave the children ids',
  );
  // Editing again updates the same household rather than creating another.
  await page.fill('#household-reference', 'EH-2001');
  await page.press('#household-reference', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const count = await page.evaluate(() => window.__fake.state.households.filter((x) => x.name === 'Okafor family').length);
  assert.equal(count, 1);
  await screenshot(page, 'flow-new-household');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a young carer is ticked on the household screen and saved with the child', async () => {
  const { page, context, errors } = await unlocked();
  const demo = await page.evaluate(() => window.__fake.state.households[0]);
  await page.evaluate((id) => {
    location.hash = `#/household/${id}`;
  }, demo.id);
  await page.waitForSelector('#child-young-carer-0');
  // The demo's eldest is a young carer; her brother is not.
  assert.equal(await page.isChecked('#child-young-carer-0'), Boolean(demo.children[0].young_carer));
  assert.equal(await page.isChecked('#child-young-carer-1'), false);
  await page.check('#child-young-carer-1');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const saved = (await callsOf(page, 'save_household')).at(-1).input;
  assert.equal(saved.children[1].young_carer, true);
  assert.equal(saved.children[0].young_carer, demo.children[0].young_carer);
  await page.uncheck('#child-young-carer-1');
  await page.waitForFunction(() => window.__fake.calls.filter((c) => c.name === 'save_household').length >= 2);
  assert.equal((await callsOf(page, 'save_household')).at(-1).input.children[1].young_carer, false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a child without a date of birth is not saved, and the indicator says why', async () => {
  const { page, context } = await unlocked();
  await page.click('#new-household');
  await page.waitForSelector('#household-name');
  await page.fill('#household-name', 'Patel family');
  await page.click('#add-child');
  await page.fill('#child-name-0', 'Ravi Patel');
  await page.press('#child-name-0', 'Tab');
  await page.waitForSelector('#save-state:has-text("Not saved")');
  assert.match(await page.textContent('#save-state'), /Ravi Patel's date of birth/);
  await context.close();
});

test('search filters the households', async () => {
  const { page, context } = await unlocked();
  await page.fill('#household-search', 'zzz');
  await page.waitForSelector('#household-results :text("No household matches")');
  await page.fill('#household-search', 'oskar');
  await page.waitForSelector('#household-list a.household-link');
  assert.equal(await page.textContent('#household-list a.household-link .household-name'), viewAt('review').household.name);
  await context.close();
});

test("a partnership's definition file with faults shows one fault per line", async () => {
  const { page, context } = await unlocked();
  await page.click('#nav-settings');
  await page.waitForSelector('#definition-file');
  await page.setInputFiles('#definition-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x", "areas": []}') });
  await page.waitForSelector('#definition-faults li');
  const faults = await page.$$eval('#definition-faults li', (li) => li.map((x) => x.textContent));
  assert.deepEqual(faults, ['$.version: missing', '$.title: missing', '$.scale: missing', '$.areas: there must be at least one area']);
  await screenshot(page, 'flow-definition-faults');
  const good = JSON.stringify({ ...(await page.evaluate(() => window.__fake.definition)), id: 'city-toolkit', title: 'City toolkit' });
  await page.setInputFiles('#definition-file', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await page.waitForSelector('#definition-result:has-text("Loaded")');
  assert.equal(await page.$$eval('#definition-faults li', (li) => li.length), 0);
  await page.check('#definition-1');
  await page.waitForSelector('#definition-result:has-text("New toolkits will use")');
  const active = await page.evaluate(() => window.__fake.state.settings.active_definition);
  assert.equal(active, await page.getAttribute('#definition-1', 'value'));
  await context.close();
});

test('settings save the practitioner and auto-lock time, and refuse a bad time', async () => {
  const { page, context } = await unlocked();
  await page.click('#nav-settings');
  await page.waitForSelector('#auto-lock-minutes');
  await page.fill('#practitioner-agency', 'Oak Primary School');
  await page.fill('#auto-lock-minutes', '10');
  await page.click('#save-settings');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const s = await page.evaluate(() => window.__fake.state.settings);
  assert.equal(s.practitioner.agency, 'Oak Primary School');
  assert.equal(s.auto_lock_minutes, 10);
  await page.fill('#auto-lock-minutes', '0');
  await page.click('#save-settings');
  await page.waitForSelector(`#settings-error:has-text("${fixture.limits.auto_lock_out_of_range}")`);
  assert.equal(await page.evaluate(() => window.__fake.state.settings.auto_lock_minutes), 10);
  await context.close();
});

test('complete, amend with a reason, review, and export', async () => {
  const { page, context, errors } = await unlocked();
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#complete-assessment');
  await page.uncheck('#decision-option-single-agency');
  await page.fill('#next-steps', 'Offer Early Help; review in six weeks.');
  await page.fill('#review-date-day', '10');
  await page.fill('#review-date-month', '1');
  await page.fill('#review-date-year', '2027');
  await page.press('#review-date-year', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const decision = (await callsOf(page, 'update_assessment')).at(-1).input.patch.decision;
  assert.deepEqual(decision.options, ['early-help']);
  assert.equal(decision.next_steps, 'Offer Early Help; review in six weeks.');
  assert.equal(decision.review_date, '2027-01-10');

  await page.click('#complete-assessment');
  await page.waitForSelector('#completion-check');
  await page.click('#confirm-complete');
  await page.waitForSelector('#amend-assessment');
  assert.equal(await page.isDisabled('#next-steps'), true, 'a completed toolkit is read-only');

  await page.click('#amend-assessment');
  await page.waitForSelector('#lifecycle-error:has-text("Give a reason")');
  assert.equal(fixture.amend_reason, 'Date of the visit was wrong', 'the core made its view of this step with the same reason');
  await page.fill('#amend-reason', 'Date of the visit was wrong');
  await page.click('#amend-assessment');
  await page.waitForSelector('#complete-assessment');
  assert.match(await page.textContent('.history'), /Date of the visit was wrong/);

  await page.click('#export-pdf');
  await page.waitForSelector('#export-result:has-text("saved to")');
  await page.evaluate(() => window.__fake.failNext('export_pdf', { code: 'cancelled', message: 'Cancelled.' }));
  await page.click('#export-pdf');
  await page.waitForSelector('#export-result:has-text("Export cancelled")');

  await page.click('#complete-assessment');
  await page.click('#confirm-complete');
  await page.waitForSelector('#start-review');
  await page.click('#start-review');
  await page.waitForSelector('#level-1_1-1');
  const kinds = await page.evaluate(() => window.__fake.state.assessments.map((a) => a.kind.kind));
  assert.deepEqual(kinds, ['initial', 'review', 'review']);
  assert.deepEqual(errors, []);
  await context.close();
});

test("descriptors follow the chosen child's age band; household items stay shared", async () => {
  const { page, context } = await unlocked();
  // The age bands are the core's (view.text.children); the descriptors are the definition's.
  const view = viewAt('review');
  const [first, second] = view.household.children;
  const band = (n) => view.text.children[n].age_band;
  assert.ok(band(0) && band(1) && band(0) !== band(1), 'the first two demo children are in different age bands');
  const item = fixture.definition.areas.flatMap((a) => a.items).find((i) => i.number === '3.2');
  const descriptor = (b) => item.age_descriptors.find((x) => x.band === b).descriptors.find((d) => d.level === 1).text;
  const levelOf = (number, subject) => {
    const r = view.assessment.ratings.find((x) => x.item === number && x.subject.kind === subject.kind && x.subject.child_id === subject.child_id);
    return r && r.level !== null ? r.level : 0;
  };
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#area-tab-3');
  await page.click('#area-tab-3');
  await page.waitForSelector('#level-3_2-1');
  assert.equal(await page.textContent('label[for="level-3_2-1"] .descriptor'), descriptor(band(0)), `${first.name}'s band`);
  await page.click('#child-tab-1');
  await page.waitForSelector('#child-tab-1[aria-pressed="true"]');
  assert.equal(await page.textContent('label[for="level-3_2-1"] .descriptor'), descriptor(band(1)), `${second.name}'s band`);
  const own = levelOf('3.2', { kind: 'child', child_id: second.id });
  assert.equal(await page.isChecked(`#level-3_2-${own}`), true, `${second.name}'s own level for 3.2`);
  const shared = levelOf('3.1', { kind: 'household' });
  assert.ok(shared > 0, 'the demo rates the household item 3.1');
  assert.equal(await page.isChecked(`#level-3_1-${shared}`), true, 'the household level for 3.1 is the same for both children');
  const other = shared === 1 ? 2 : 1;
  await page.click(`label[for="level-3_1-${other}"]`);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  await page.click('#child-tab-0');
  await page.waitForSelector('#child-tab-0[aria-pressed="true"]');
  assert.equal(await page.isChecked(`#level-3_1-${other}`), true, 'a household item changed for one child shows for the other');
  const subjects = (await callsOf(page, 'save_rating')).map((c) => c.input.rating.subject);
  assert.deepEqual(subjects, [{ kind: 'household' }]);
  await context.close();
});

test('the passphrase can be changed, and a wrong current one is refused', async () => {
  const { page, context } = await unlocked();
  await page.click('#nav-settings');
  await page.waitForSelector('#old-passphrase');
  await page.fill('#old-passphrase', 'wrong one');
  await page.fill('#new-passphrase', 'river meadow copper kite');
  await page.fill('#new-passphrase-confirm', 'river meadow copper kite');
  await page.click('#change-passphrase');
  await page.waitForSelector('#passphrase-result:has-text("not right")');
  await page.fill('#old-passphrase', 'demo-passphrase');
  await page.click('#change-passphrase');
  await page.waitForSelector('#passphrase-result:has-text("Passphrase changed")');
  assert.equal(await page.evaluate(() => window.__fake.state.passphrase), 'river meadow copper kite');
  assert.equal(await page.inputValue('#new-passphrase'), '', 'the fields are cleared');
  await context.close();
});

test('a new recovery key is issued from Settings with the passphrase and shown once', async () => {
  const { page, context } = await unlocked();
  await page.click('#nav-settings');
  await page.waitForSelector('#issue-recovery-key');
  await page.click('#issue-recovery-key');
  await page.waitForSelector('#recovery-result:has-text("Type your passphrase")');
  assert.equal((await callsOf(page, 'new_recovery_key')).length, 0, 'nothing is asked without the passphrase');
  await page.fill('#recovery-passphrase', 'wrong one');
  await page.click('#issue-recovery-key');
  await page.waitForSelector('#recovery-result:has-text("not right")');
  assert.equal(await page.locator('#new-recovery-key').count(), 0);
  await page.fill('#recovery-passphrase', 'demo-passphrase');
  await page.click('#issue-recovery-key');
  await page.waitForSelector('#new-recovery-key');
  assert.equal(await page.textContent('#new-recovery-key'), 'NEWK-2345-6789-ABCD-EFGH');
  assert.equal(await page.inputValue('#recovery-passphrase'), '', 'the passphrase field is cleared');
  assert.equal(await page.isHidden('#recovery-progress'), true, 'the progress bar goes away when done');
  await context.close();
});

test('completing first lists what may be missing, grouped by child, with links to put it right', async () => {
  const { page, context, errors } = await unlocked();
  const view = viewAt('review');
  const checks = view.text.checks;
  assert.ok(checks.length > 0, "the core finds something to check in the demo's review in progress");
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#complete-assessment');
  assert.equal(await page.isVisible('#completion-check'), false, 'the check is not shown until asked for');
  await page.click('#complete-assessment');
  await page.waitForSelector('#completion-check h3:focus');
  assert.equal(await page.isVisible('#complete-assessment'), false);
  // Every check the core made, in its words, under its child, with a link to the toolkit.
  const shown = await page.$$eval('#completion-check li.check', (lis) =>
    lis.map((li) => ({
      child: li.closest('.check-group').dataset.childId,
      kind: li.dataset.kind,
      headline: li.querySelector('.check-headline').textContent,
      href: li.querySelector('a.check-fix').getAttribute('href'),
    })),
  );
  assert.deepEqual(
    shown,
    checks.map((c) => ({ child: c.child_id || '', kind: c.kind, headline: c.headline, href: `#/toolkit/${view.assessment.id}` })),
  );
  const groups = await page.$$eval('#completion-check .check-group h4', (hs) => hs.map((x) => x.textContent));
  assert.deepEqual(groups, [...new Set(checks.map((c) => c.group))]);
  assert.match(await page.textContent('#confirm-complete'), /Complete anyway/);

  // "Go back" completes nothing and returns to the button.
  await page.click('#cancel-complete');
  assert.equal(await page.isVisible('#completion-check'), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'complete-assessment');
  assert.deepEqual(await callsOf(page, 'complete_assessment'), []);
  assert.equal(await page.evaluate(() => window.__fake.state.assessments[1].status), 'draft');

  // Confirming completes it.
  await page.click('#complete-assessment');
  await page.click('#confirm-complete');
  await page.waitForSelector('#amend-assessment');
  assert.equal((await callsOf(page, 'complete_assessment')).length, 1);
  assert.equal(await page.evaluate(() => window.__fake.state.assessments[1].status), 'completed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the check links a missing decision to the decision section, and says when nothing is missing', async () => {
  const { page, context, errors } = await unlocked();
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#complete-assessment');
  // The stand-in serves the core's words; here the core's view is given no checks, then one
  // for the decision, to show both ends of the page.
  const fresh = viewAt('review').text;
  await page.evaluate((t) => window.__fake.overrideText({ checks: [], no_checks: t.no_checks }), fresh);
  await page.click('#complete-assessment');
  await page.waitForSelector('#no-checks');
  assert.equal(await page.textContent('#no-checks'), fresh.no_checks);
  assert.equal(await page.$('#completion-check li.check'), null);
  await page.click('#cancel-complete');

  const decision = viewAt('expecting-initial').text.checks.find((c) => c.kind === 'no_decision');
  assert.ok(decision, 'the core raises a check for a missing decision');
  await page.evaluate((c) => window.__fake.overrideText({ checks: [c] }), decision);
  await page.click('#complete-assessment');
  await page.waitForSelector('#completion-check li.check[data-kind="no_decision"]');
  await page.click('#completion-check a.check-fix');
  assert.equal(await page.evaluate(() => document.activeElement.id), `decision-option-${fixture.definition.decision_options[0].code}`);
  assert.match(await page.evaluate(() => location.hash), /^#\/summary\//);
  assert.deepEqual(await callsOf(page, 'complete_assessment'), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the save indicator changing its words never moves the page', async () => {
  const { page, errors } = await unlocked();
  for (let width = 800; width <= 1700; width += 20) {
    await page.setViewportSize({ width, height: 820 });
    const heights = [];
    for (const text of ['', 'Saving…', 'Saved at 10:52:31', 'Not saved: type a name for the household first.']) {
      heights.push(
        await page.evaluate((t) => {
          document.getElementById('save-state').textContent = t;
          return document.querySelector('.app-header').getBoundingClientRect().height;
        }, text),
      );
    }
    assert.equal(new Set(heights.slice(0, 3)).size, 1, `${width} px: the header's height changed with the indicator's words: ${heights}`);
  }
  assert.deepEqual(errors, []);
});
