// The Family view: drawn only from what the core made for the family (fixture.family_views),
// with its own frame and banner; none of the demo's children's views, evidence, impact texts,
// alerts, prompts or another household's name anywhere in the page (text, form values and
// attributes); no way out but "Leave the family view" with the passphrase; and the stand-in
// backend, like the shell, refuses every other command while the mode is on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlockDemo, callsOf, fixture, viewAt, browserSuite } from './helpers.mjs';

const open = browserSuite();

const OTHER = {
  name: 'Otherfamily household',
  postcode: 'ZZ1 1ZZ',
  carer: 'Morwenna Otherfamily',
  child: 'Peregrine Otherfamily',
};

/** Every text of the demo that the family must never see, read from the core-made fixture. */
function mustNotShow() {
  const out = [];
  const def = fixture.definition;
  for (const step of ['initial', 'review']) {
    const v = viewAt(step);
    const a = v.assessment;
    for (const r of a.ratings) {
      out.push(r.evidence, r.impact, r.child_view);
      if (!r.shared_text) out.push(r.strengths);
      for (const c of r.per_child || []) out.push(c.impact, c.child_view, c.level_reason);
    }
    for (const visit of a.visits) out.push(visit.notes);
    for (const n of a.child_views) out.push(n.text);
    out.push(a.background, a.poverty_context, a.analysis, a.practitioner_notes, a.carer_view, a.strengths, a.decision.next_steps);
    out.push(a.practitioner.name, a.practitioner.email);
    if (a.decision.lead_consulted) out.push(a.decision.lead_consulted.name);
    for (const p of v.text.prompts) out.push(p.headline, p.action);
    out.push(v.text.no_prompts);
    const hh = v.household;
    out.push(hh.reference, hh.address.postcode, ...hh.address.lines);
    for (const c of hh.children) out.push(c.birth.date);
  }
  for (const area of def.areas) {
    for (const item of area.items) {
      for (const al of item.alerts || []) out.push(al.title, al.text);
      for (const p of item.prompts || []) out.push(p);
    }
  }
  for (const g of def.guidance || []) out.push(g.text);
  out.push('Multi-Agency Safeguarding Hub', '0115 496 0000');
  out.push(OTHER.name, OTHER.postcode, OTHER.carer, OTHER.child);
  for (const e of fixture.chronology.entries) out.push(e.event, e.impact_note, e.action, e.source.agency);
  return [...new Set(out.filter((t) => typeof t === 'string').map((t) => t.trim()))].filter((t) => t.length >= 3);
}

/** The demo unlocked, with a second household in the store, on the summary of the first toolkit. */
async function familyReady(viewport) {
  const app = await open({}, viewport);
  const { page } = app;
  await page.waitForSelector('#unlock-passphrase');
  await page.evaluate((o) => {
    const s = window.__fake.state;
    const other = JSON.parse(JSON.stringify(s.households[0]));
    other.id = 'ffff0000ffff0000ffff0000ffff0000';
    other.name = o.name;
    other.address = { lines: ['99 Elsewhere Road'], postcode: o.postcode };
    other.carers = [{ ...other.carers[0], id: 'ffff0000ffff0000ffff0000ffff0001', name: o.carer }];
    other.children = [{ ...other.children[0], id: 'ffff0000ffff0000ffff0000ffff0002', name: o.child }];
    s.households.push(other);
  }, OTHER);
  await unlockDemo(page);
  assert.ok((await page.textContent('#view')).includes(OTHER.name), 'the second household is in the list');
  const id = viewAt('initial').assessment.id;
  await page.evaluate((x) => {
    location.hash = `#/summary/${x}`;
  }, id);
  await page.waitForSelector('#profile-title');
  return { ...app, id };
}

async function enter(page) {
  assert.equal(await page.isVisible('#family-view-button'), true, 'the summary offers the family view');
  assert.equal(await page.textContent('#family-view-button'), 'Show the family view');
  await page.click('#family-view-button');
  await page.waitForSelector('#family-banner');
}

/** Everything the page holds: its text, its serialised HTML, every attribute and every form value. */
function pageDump(page) {
  return Promise.all([
    page.content(),
    page.evaluate(() => ({
      text: document.documentElement.textContent,
      attrs: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value)),
      values: [...document.querySelectorAll('input, textarea, select')].map((e) => e.value),
    })),
  ]).then(([html, rest]) => ({ html, ...rest }));
}

test('the family view shows the banner and none of what the family must not see', async () => {
  const { page, context, errors } = await familyReady();
  const hidden = mustNotShow();
  assert.ok(hidden.length > 40, `the demo fills these texts (${hidden.length})`);
  // Before: the summary page does hold some of them (so the check below can fail).
  const before = await pageDump(page);
  assert.ok(
    hidden.some((t) => before.text.includes(t)),
    'the practitioner screen shows practitioner texts',
  );
  const assessmentCalls = (await callsOf(page, 'get_assessment')).length;
  await enter(page);
  assert.equal(await page.textContent('.family-banner-text'), 'This screen is being shown to the family');
  const made = fixture.family_views.find((f) => f.assessment_id === viewAt('initial').assessment.id).view;
  assert.equal(await page.textContent('#family-title'), `${made.title}: ${made.household_name}`);

  const dump = await pageDump(page);
  for (const t of hidden) {
    const where = [
      dump.text.includes(t) && 'text',
      dump.html.includes(t) && 'html',
      dump.attrs.some((a) => a.includes(t)) && 'an attribute',
      dump.values.some((v) => v.includes(t)) && 'a form value',
    ].filter(Boolean);
    assert.deepEqual(where, [], `the family view holds ${JSON.stringify(t.slice(0, 60))}`);
  }
  // The practitioner's frame is not in the page at all.
  for (const id of [
    'app-nav',
    'nav-households',
    'nav-settings',
    'lock-button',
    'contacts-button',
    'contacts-dialog',
    'save-state',
    'view',
    'export-pdf',
    'complete-assessment',
    'family-view-button',
  ]) {
    assert.equal(await page.$(`#${id}`), null, `#${id} is in the family view`);
  }
  for (const word of ['Households', 'Settings', 'Export', 'Amend', 'Prompts', 'Evidence']) {
    assert.ok(!dump.text.includes(word), `the family view says ${word}`);
  }
  // What it is for: the cards, both carers' own placements and words, what was shared.
  const firstCard = fixture.definition.areas[0].items[0].descriptors[0].text;
  assert.ok(dump.text.includes(firstCard), 'the descriptor cards are shown');
  const placements = made.areas.flatMap((a) => a.items.flatMap((i) => i.ratings.flatMap((r) => r.placements)));
  assert.ok(placements.length > 0);
  for (const p of placements) {
    assert.ok(dump.text.includes(p.name), `${p.name}'s placement`);
    if (p.words) assert.ok(dump.text.includes(p.words), `${p.name}'s own words`);
  }
  const shared = made.areas.flatMap((a) => a.items.flatMap((i) => i.ratings.map((r) => r.shared_text))).filter(Boolean);
  assert.ok(shared.length > 0);
  for (const t of shared) assert.ok(dump.text.includes(t), 'the text marked to share is shown');
  const sharedLevels = await page.$$eval('.family-shared-level', (els) => els.length);
  assert.equal(sharedLevels, made.areas.flatMap((a) => a.items.flatMap((i) => i.ratings)).filter((r) => r.shared_level).length);
  // Drawn from the family view only: no assessment view was asked for.
  assert.equal((await callsOf(page, 'get_assessment')).length, assessmentCalls);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no link or button in the family view leads anywhere else', async () => {
  const { page, context, errors } = await familyReady();
  await enter(page);
  assert.equal(await page.$$eval('a', (as) => as.length), 0, 'no links at all');
  const buttons = await page.$$eval('button', (bs) => bs.map((b) => b.id).sort());
  assert.deepEqual(buttons, ['family-leave', 'family-leave-cancel', 'family-leave-submit']);
  assert.equal(await page.$$eval('input', (is) => is.map((i) => i.id).join()), 'family-leave-passphrase');
  // The one button outside the dialog opens the dialog; its cancel button stays in the view.
  await page.click('#family-leave');
  await page.waitForSelector('#family-leave-dialog[open]');
  await page.click('#family-leave-cancel');
  assert.equal(await page.$('#family-leave-dialog[open]'), null);
  // Submitting with no passphrase stays too.
  await page.click('#family-leave');
  await page.click('#family-leave-submit');
  await page.waitForSelector('#family-leave-error:has-text("Type the passphrase")');
  await page.keyboard.press('Escape');
  assert.equal(await page.$('#family-leave-dialog[open]'), null);
  // A route typed into the address does nothing.
  const before = (await callsOf(page, 'list_households')).length;
  await page.evaluate(() => {
    location.hash = '#/households';
  });
  await page.waitForTimeout(300);
  assert.ok(await page.isVisible('#family-banner'), 'still the family view');
  assert.equal(await page.$('#household-search'), null);
  assert.equal((await callsOf(page, 'list_households')).length, before, 'no households were asked for');
  assert.deepEqual(errors, []);
  await context.close();
});

test('leaving asks for the passphrase: a wrong one stays, the right one returns', async () => {
  const { page, context, errors, id } = await familyReady();
  await enter(page);
  // A route typed meanwhile is not followed, now or after leaving.
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.click('#family-leave');
  await page.waitForSelector('#family-leave-dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'family-leave-passphrase', 'focus is in the passphrase field');
  await page.fill('#family-leave-passphrase', 'not the passphrase');
  await page.click('#family-leave-submit');
  await page.waitForSelector('#family-leave-error:has-text("not right")');
  assert.equal(await page.inputValue('#family-leave-passphrase'), '', 'the wrong passphrase is cleared');
  assert.ok(await page.isVisible('#family-banner'));
  assert.equal(await page.evaluate(() => window.__fake.state.familyView), id, 'the mode stays on');
  await page.fill('#family-leave-passphrase', 'demo-passphrase');
  await page.press('#family-leave-passphrase', 'Enter');
  await page.waitForSelector('#profile-title');
  assert.equal(await page.$('#family-frame'), null, 'the family frame is gone');
  assert.equal(await page.isVisible('#app-nav'), true, 'the practitioner screens are back');
  assert.equal(await page.evaluate(() => location.hash), `#/summary/${id}`);
  assert.equal(await page.evaluate(() => window.__fake.state.familyView), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stand-in refuses every other command while the family view is on', async () => {
  const { page, context, id } = await familyReady();
  await enter(page);
  const codes = await page.evaluate(async (x) => {
    const t = window.__TAURI__.core;
    const code = (p) =>
      p.then(
        () => 'ok',
        (e) => e.code,
      );
    return {
      get_assessment: await code(t.invoke('get_assessment', { input: { id: x } })),
      list_households: await code(t.invoke('list_households', { input: { query: '' } })),
      get_settings: await code(t.invoke('get_settings')),
      export_pdf: await code(t.invoke('export_pdf', { input: { assessment_id: x } })),
      enter_family_view: await code(t.invoke('enter_family_view', { input: { assessment_id: x } })),
      get_family_view: await code(t.invoke('get_family_view')),
      activity: await code(t.invoke('activity')),
      app_status: await code(t.invoke('app_status')),
    };
  }, id);
  assert.deepEqual(codes, {
    get_assessment: 'family_view',
    list_households: 'family_view',
    get_settings: 'family_view',
    export_pdf: 'family_view',
    enter_family_view: 'family_view',
    get_family_view: 'ok',
    activity: 'ok',
    app_status: 'ok',
  });
  await context.close();
});

test('locking in the family view and unlocking returns to the family view', async () => {
  const { page, context, errors } = await familyReady();
  await enter(page);
  await page.evaluate(() => window.__fake.emit('vault-locked', { reason: 'idle' }));
  await page.waitForSelector('#unlock-passphrase');
  assert.equal(await page.$('#family-frame'), null);
  const name = viewAt('initial').household.name;
  assert.ok(!(await page.evaluate(() => document.body.textContent)).includes(name), 'nothing of the family left on the lock screen');
  await page.fill('#unlock-passphrase', 'demo-passphrase');
  await page.click('#unlock-submit');
  await page.waitForSelector('#family-banner');
  assert.equal(await page.$('#app-nav'), null);
  assert.equal(await page.$('#household-search'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the family view works by keyboard and reads at 800 px wide', async () => {
  const { page, context, errors } = await familyReady({ width: 800, height: 900 });
  await enter(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'family-title', 'focus starts on the heading');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'family-leave');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#family-leave-dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'family-leave-passphrase');
  await page.keyboard.press('Escape');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 800, `the page is ${wide} px wide at 800`);
  assert.deepEqual(errors, []);
  await context.close();
});
