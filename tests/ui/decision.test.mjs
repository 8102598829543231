// The decision as the guidance frames it: several kinds at once, the front door revealed for a
// request for support and chosen from the contacts, the parents' answers revealed for a
// referral, the DASH record where the core offers it; and the other agencies on the household.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, fixture, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();

async function reviewSummary() {
  const app = await open({ unlocked: true });
  await app.page.waitForSelector('#household-search');
  await app.page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await app.page.waitForSelector('#decision-options');
  return app;
}

const lastDecision = async (page) => (await callsOf(page, 'update_assessment')).filter((c) => c.input.patch.decision).at(-1).input.patch.decision;
const kindOf = (code) => fixture.definition.decision_options.find((o) => o.code === code).kind;
const codeOf = (kind) => fixture.definition.decision_options.find((o) => o.kind === kind).code;

test('several kinds are chosen at once and saved as a list', async () => {
  const { page, context, errors } = await reviewSummary();
  const stored = viewAt('review').assessment.decision.options;
  assert.deepEqual(stored.map(kindOf), ['single_agency', 'request_for_support'], 'the demo review has two kinds');
  for (const code of stored) assert.equal(await page.isChecked(`#decision-option-${code}`), true);
  const community = codeOf('community_referral');
  assert.equal(await page.isChecked(`#decision-option-${community}`), false);
  await page.check(`#decision-option-${community}`);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  assert.deepEqual((await lastDecision(page)).options, [...stored, community].sort(byDefinition), 'every ticked option, in the order offered');
  assert.deepEqual(errors, []);
  await context.close();
});

function byDefinition(x, y) {
  const order = fixture.definition.decision_options.map((o) => o.code);
  return order.indexOf(x) - order.indexOf(y);
}

test('the front door is revealed for a request for support and chosen from the contacts', async () => {
  const { page, context, errors } = await reviewSummary();
  const request = codeOf('request_for_support');
  assert.equal(await page.isVisible('#front-door'), true, 'a request is chosen in the demo');
  assert.equal(await page.inputValue('#front-door'), viewAt('review').assessment.decision.front_door.contact_id);
  await page.uncheck(`#decision-option-${request}`);
  assert.equal(await page.isVisible('#front-door-section'), false, 'no request, no front door');
  assert.equal(await page.isVisible('#parents-section'), false, 'single-agency support asks nothing of the parents');
  await page.check(`#decision-option-${codeOf('urgent_mash')}`);
  assert.equal(await page.isVisible('#front-door'), true, 'urgent contact with the MASH has a front door too');
  assert.equal(await page.isVisible('#parents-know-yes'), true);
  const contacts = viewAt('review').contacts;
  const mash = contacts.find((c) => c.id === 'mash');
  const offered = await page.$$eval('#front-door option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(
    offered,
    contacts.map((c) => c.id),
    'every contact, and only the contacts',
  );
  await page.selectOption('#front-door', mash.id);
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const d = await lastDecision(page);
  assert.deepEqual(d.front_door, { contact_id: mash.id, name: mash.name, phone: mash.phone }, 'a copy of the contact as it is now');
  assert.ok(d.options.includes(codeOf('urgent_mash')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the parents who do not agree are asked why, and the answer is saved', async () => {
  const { page, context, errors } = await reviewSummary();
  assert.equal(await page.isChecked('#parents-know-yes'), true);
  assert.equal(await page.isChecked('#parents-agree-yes'), true);
  await page.check('#parents-agree-no');
  await page.fill('#parents-why-not', 'They want to try on their own for a month first.');
  await page.press('#parents-why-not', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const d = await lastDecision(page);
  assert.deepEqual(d.parents, { know: true, agree: false, why_not: 'They want to try on their own for a month first.' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the DASH record is offered where the core says so, and its parts are revealed by the answer', async () => {
  const { page, context, errors } = await reviewSummary();
  assert.equal(viewAt('review').dash_offered, true);
  assert.equal(await page.isVisible('#dash-section'), true);
  assert.equal(await page.isChecked('#dash-done-yes'), true);
  assert.equal(await page.isVisible('#dash-date-day'), true);
  assert.equal(await page.isChecked('#dash-outcome-medium'), true);
  assert.equal(await page.isChecked('#dash-marac'), false);
  assert.equal(await page.isVisible('#dash-why-not'), false);
  const labels = await page.$$eval('#dash-outcome label', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(
    labels,
    viewAt('review').text.dash_outcomes.map((o) => o.label),
    'the outcomes in the core words',
  );
  await page.check('#dash-done-no');
  assert.equal(await page.isVisible('#dash-date-day'), false);
  assert.equal(await page.isVisible('#dash-why-not'), true);
  await page.fill('#dash-why-not', 'Not safe to ask with the partner at home.');
  await page.press('#dash-why-not', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const d = await lastDecision(page);
  assert.equal(d.dash.done, false);
  assert.equal(d.dash.why_not, 'Not safe to ask with the partner at home.');

  // Where the core does not offer it (as for the expecting household), the record is not shown.
  const offer = viewAt('expecting-initial').dash_offered;
  assert.equal(offer, false);
  await page.evaluate((o) => window.__fake.overrideView({ dash_offered: o }), offer);
  await page.click('#back-to-toolkit');
  await page.waitForSelector('#decision-options', { state: 'detached' });
  await page.evaluate(() => {
    location.hash = `#/summary/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#decision-options');
  assert.equal(await page.isVisible('#dash-section'), false);
  assert.equal(await page.$eval('#dash-section', (el) => el.hidden), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the lead advice is saved with the name and the date', async () => {
  const { page, context, errors } = await reviewSummary();
  const lead = viewAt('review').assessment.decision.lead_consulted;
  assert.equal(await page.inputValue('#lead-advice'), lead.advice);
  await page.fill('#lead-advice', 'Ring the early help hub today.');
  await page.press('#lead-advice', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const d = await lastDecision(page);
  assert.deepEqual(d.lead_consulted, { name: lead.name, date: lead.date, advice: 'Ring the early help hub today.' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('other agencies are listed, added and removed on the household screen', async () => {
  const app = await open({ unlocked: true });
  const { page, context, errors } = app;
  await page.waitForSelector('#household-search');
  const hh = viewAt('review').household;
  await page.evaluate((id) => {
    location.hash = `#/household/${id}`;
  }, hh.id);
  await page.waitForSelector('#add-agency');
  assert.equal(await page.inputValue('#agency-role-0'), hh.agencies[0].role);
  assert.equal(await page.inputValue('#agency-name-1'), hh.agencies[1].name);
  await page.click('#add-agency');
  await page.fill('#agency-agency-2', '<b>Family hub</b> & "friends"');
  await page.fill('#agency-role-2', 'Family support worker');
  await page.press('#agency-role-2', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const saved = (await callsOf(page, 'save_household')).at(-1).input;
  assert.equal(saved.agencies.length, 3);
  assert.deepEqual(saved.agencies[2], { agency: '<b>Family hub</b> & "friends"', role: 'Family support worker', name: '', contact: '' });
  assert.equal(await page.$('#agencies b'), null, 'hostile text stays text');
  await page.click('#remove-agency-0');
  await page.click('#remove-agency-0');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  await page.waitForFunction(() => document.querySelectorAll('#agencies fieldset').length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});
