// axe-core finds no serious or critical problem on any view, and every view is photographed to
// artifacts/ui/ for a person to look at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, seriousViolations, screenshot, fixture, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();

async function check(page, name, errors = []) {
  await screenshot(page, name);
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], `axe found serious problems on ${name}`);
  assert.deepEqual(errors, [], `script errors or CSP violations on ${name}`);
}

async function demoPage(options) {
  const app = await open(options);
  await app.page.waitForSelector('#unlock-passphrase');
  await unlockDemo(app.page);
  return app;
}

async function openReview(page, which) {
  await page.click('a.household-link');
  await page.waitForSelector('#assessment-list');
  await page.click(`a.${which} >> nth=1`);
}

test('set-up: passphrase, recovery key and details', async () => {
  const { page, context, errors } = await open({ vaultExists: false });
  await page.waitForSelector('#setup-passphrase');
  await page.fill('#setup-passphrase', 'abc');
  assert.equal(await page.textContent('#setup-strength-text'), 'Too short');
  await page.fill('#setup-passphrase', 'kettle orange lantern pebble');
  assert.equal(await page.textContent('#setup-strength-text'), 'Strong');
  await check(page, '01-setup-passphrase', errors);
  await page.fill('#setup-passphrase-confirm', 'kettle orange lantern pebble');
  await page.click('#setup-create');
  await page.waitForSelector('#recovery-key');
  assert.equal(await page.textContent('#recovery-key'), 'RKEY-2345-6789-ABCD-EFGH');
  assert.equal(await page.isDisabled('#recovery-continue'), true, 'cannot go on before confirming');
  await check(page, '02-setup-recovery-key', errors);
  await page.check('#recovery-confirm');
  await page.click('#recovery-continue');
  await page.waitForSelector('#practitioner-name');
  await check(page, '03-setup-details', errors);
  await page.fill('#practitioner-name', 'Alex Morgan');
  await page.click('#setup-finish');
  await page.waitForSelector('#household-search');
  const saved = await page.evaluate(() => window.__fake.state.settings.practitioner.name);
  assert.equal(saved, 'Alex Morgan');
  assert.deepEqual(errors, []);
  await context.close();
});

test('set-up refuses a short passphrase without calling the backend', async () => {
  const { page, context, errors } = await open({ vaultExists: false });
  await page.waitForSelector('#setup-passphrase');
  await page.fill('#setup-passphrase', 'short');
  await page.fill('#setup-passphrase-confirm', 'short');
  await page.click('#setup-create');
  await page.waitForSelector('#setup-error:has-text("too short")');
  const calls = await page.evaluate(() => window.__fake.calls.filter((c) => c.name === 'create_vault').length);
  assert.equal(calls, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('unlock screen, with the demo hint', async () => {
  const { page, context, errors } = await open();
  await page.waitForSelector('#unlock-passphrase');
  assert.match(await page.textContent('#unlock-demo-hint'), /demo-passphrase/);
  await check(page, '04-unlock', errors);
  await context.close();
});

test('households list', async () => {
  const { page, context, errors } = await demoPage();
  assert.ok((await page.textContent('#reviews-due')).includes(viewAt('review').household.name));
  await check(page, '05-households', errors);
  await context.close();
});

test('household', async () => {
  const { page, context, errors } = await demoPage();
  await page.click('a.household-link');
  await page.waitForSelector('#household-name');
  assert.equal(await page.inputValue('#child-name-1'), viewAt('review').household.children[1].name);
  await check(page, '06-household', errors);
  await context.close();
});

test('toolkit area and the visits and background section', async () => {
  const { page, context, errors } = await demoPage();
  await openReview(page, 'open-toolkit');
  await page.waitForSelector('#level-1_1-2');
  const initial = viewAt('initial');
  const first = initial.household.children[0].id;
  const before = initial.assessment.ratings.find((r) => r.item === '1.1' && r.subject.child_id === first).level;
  const level = fixture.definition.scale.levels.find((l) => l.code === before);
  assert.equal(await page.textContent('#previous-1_1'), `Last toolkit: ${level.code} ${level.label}`, 'a review shows the level chosen last time');
  await check(page, '07-toolkit-area', errors);
  await page.click('#section-context');
  await page.waitForSelector('#background');
  await page.click('#add-visit');
  await page.waitForSelector('#visit-date-0');
  await check(page, '08-toolkit-visits', errors);
  await context.close();
});

test('summary of a completed toolkit', async () => {
  const { page, context, errors } = await demoPage();
  await page.click('a.household-link');
  await page.waitForSelector('#assessment-list');
  await page.click('a.open-summary >> nth=0');
  await page.waitForSelector('#profile-grid');
  assert.equal(await page.isVisible('#amend-assessment'), true);
  await check(page, '09-summary', errors);
  await context.close();
});

test('review summary with the comparison chart', async () => {
  const { page, context, errors } = await demoPage();
  await openReview(page, 'open-summary');
  await page.waitForSelector('#comparison');
  const improved = await page.$$eval('#comparison tr[data-change="improved"]', (rows) => rows.length);
  assert.ok(improved >= 1, 'the demo review shows improvements');
  await check(page, '10-review-comparison', errors);
  await context.close();
});

test('the check before completing the review in progress', async () => {
  const { page, context, errors } = await demoPage();
  await openReview(page, 'open-summary');
  await page.waitForSelector('#complete-assessment');
  await page.click('#complete-assessment');
  await page.waitForSelector('#completion-check li.check');
  const listed = await page.$$eval('#completion-check li.check', (lis) => lis.length);
  assert.equal(listed, viewAt('review').text.checks.length);
  await page.locator('#completion-check').scrollIntoViewIfNeeded();
  await check(page, '10b-check-before-completing', errors);
  await context.close();
});

test('settings', async () => {
  const { page, context, errors } = await demoPage();
  await page.click('#nav-settings');
  await page.waitForSelector('#auto-lock-minutes');
  await check(page, '11-settings', errors);
  await context.close();
});

test('the family view, and its passphrase dialog', async () => {
  const { page, context, errors } = await demoPage();
  await openReview(page, 'open-toolkit');
  await page.waitForSelector('#evidence-1_1');
  await page.click('#family-view-button');
  await page.waitForSelector('#family-banner');
  assert.equal(await page.$('#evidence-1_1'), null);
  await check(page, '12-family-view', errors);
  await page.click('#family-leave');
  await page.waitForSelector('#family-leave-dialog[open]');
  await check(page, '12-family-view-leave', errors);
  await context.close();
});

test('contacts dialog, with 999 first', async () => {
  const { page, context, errors } = await demoPage();
  await page.click('#contacts-button');
  await page.waitForSelector('#contacts-dialog[open]');
  const text = await page.textContent('#contacts-list');
  assert.ok(text.indexOf('999') < text.indexOf('Multi-Agency Safeguarding Hub'));
  assert.match(text, /0115 496 0000/);
  await check(page, '13-contacts', errors);
  await page.keyboard.press('Escape');
  assert.equal(await page.$('#contacts-dialog[open]'), null);
  await context.close();
});

test('the toolkit fits the smallest window the shell allows (800 px wide)', async () => {
  const app = await open({ unlocked: true }, { width: 800, height: 600 });
  const { page, context, errors } = app;
  await page.waitForSelector('#household-search');
  await page.evaluate(() => {
    location.hash = `#/toolkit/${window.__fake.state.assessments[1].id}`;
  });
  await page.waitForSelector('#level-1_1-1');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  await check(page, '14-toolkit-800px', errors);
  await context.close();
});
