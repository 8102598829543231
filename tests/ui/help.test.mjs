// "How to use the toolkit": linked from the main navigation, drawn from the active definition's
// how_to_use guidance as get_help returns it, covering what a practitioner without training needs
// (involving the parents and the child, the main carer, every child, partial completion, what to
// do when worried with the significant-harm route and 999).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, callsOf, fixture, seriousViolations } from './helpers.mjs';

const open = browserSuite();
const help = fixture.help;

test('the help page is in the main navigation and shows every how-to-use entry of the definition', async () => {
  const { page, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await page.click('#nav-help');
  await page.waitForSelector('#help-entries');
  assert.equal(await page.getAttribute('#nav-help', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('#nav-households', 'aria-current'), null);
  assert.equal(new URL(page.url()).hash, '#/help');
  assert.equal((await callsOf(page, 'get_help')).length, 1);
  // The entries in the definition's order, each with its title and text.
  const ids = fixture.definition.guidance.filter((g) => (g.applies || []).some((p) => p.field === 'how_to_use')).map((g) => g.id);
  assert.deepEqual(
    help.entries.map((e) => e.id),
    ids,
  );
  const shown = await page.$$eval('#help-entries > section', (xs) => xs.map((x) => x.id));
  assert.deepEqual(
    shown,
    ids.map((id) => `help-${id}`),
  );
  for (const e of help.entries) {
    assert.equal((await page.textContent(`#help-${e.id}-title`)).trim(), e.title);
    assert.ok((await page.textContent(`#help-${e.id}`)).includes(e.text));
  }
  const all = (await page.textContent('#help-entries')).toLowerCase();
  for (const needed of ['the parents and the child', 'main carer', 'every child', 'not assessed', 'significant harm', '999']) {
    assert.ok(all.includes(needed), needed);
  }
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
});
