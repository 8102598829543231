// Stored strings are shown as text, never run or parsed as HTML: markup, script tags, quotes,
// right-to-left text and very long text all appear exactly as typed and create no element.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, callsOf, browserSuite } from './helpers.mjs';

const open = browserSuite();

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const QUOTES = `O'Brien "Bex" & <b>bold</b> \`tick\``;
const RTL = 'مريم العلي ‏שרה כהן';
const LONG = `Long ${'evidence and more words '.repeat(200)}`.slice(0, 5000);

/** Put hostile strings into the stand-in's stored data before the page shows them. */
async function plant(page) {
  await page.evaluate(
    ({ IMG, SCRIPT, QUOTES, RTL, LONG }) => {
      const s = window.__fake.state;
      const hh = s.households[0];
      hh.name = IMG;
      hh.address.postcode = QUOTES;
      hh.children[0].name = SCRIPT;
      hh.children[1].name = RTL;
      hh.carers[0].name = QUOTES;
      s.settings.contacts.push({ id: 'x', name: IMG, phone: SCRIPT, description: LONG });
      const review = s.assessments[1];
      review.ratings[0].evidence = LONG;
      review.ratings[0].impact = SCRIPT;
      review.background = IMG;
      review.analysis = QUOTES;
    },
    { IMG, SCRIPT, QUOTES, RTL, LONG },
  );
}

async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    imgs: document.querySelectorAll('img').length,
    bold: document.querySelectorAll('main b').length,
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
    pwned: window.__pwned,
  }));
  assert.equal(found.imgs, 0, `${where}: an img element was created`);
  assert.equal(found.bold, 0, `${where}: markup was parsed`);
  assert.deepEqual(found.scripts, ['app.js'], `${where}: a script element was created`);
  assert.equal(found.pwned, undefined, `${where}: injected code ran`);
}

async function visibleText(page, text, where) {
  const shown = await page.evaluate((t) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue.includes(t)) {
        const r = n.parentElement.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) return true;
      }
    }
    for (const el of document.querySelectorAll('input, textarea')) {
      if (el.value === t) {
        const r = el.getBoundingClientRect();
        if (r.width > 0) return true;
      }
    }
    return false;
  }, text);
  assert.ok(shown, `${where}: "${text.slice(0, 40)}" is not visible as text`);
}

test('hostile strings render as text on every screen that shows them', async () => {
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  await plant(page);
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.waitForSelector('#auto-lock-minutes');
  await page.evaluate(() => {
    location.hash = '#/households';
  });
  await page.waitForSelector('a.household-link');
  await assertInert(page, 'households');
  await visibleText(page, IMG, 'households');
  await visibleText(page, QUOTES, 'households');
  await visibleText(page, RTL, 'households');
  await screenshot(page, 'hostile-households');

  await page.click('a.household-link');
  await page.waitForSelector('#household-name');
  await assertInert(page, 'household');
  assert.equal(await page.inputValue('#household-name'), IMG);
  assert.equal(await page.inputValue('#child-name-0'), SCRIPT);
  assert.equal(await page.inputValue('#carer-name-0'), QUOTES);

  await page.click('a.open-toolkit >> nth=1');
  await page.waitForSelector('#evidence-1_1');
  await assertInert(page, 'toolkit');
  assert.equal(await page.inputValue('#evidence-1_1'), LONG);
  assert.equal(await page.inputValue('#impact-1_1'), SCRIPT);
  await visibleText(page, SCRIPT, 'toolkit child switcher');
  await visibleText(page, RTL, 'toolkit child switcher');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'long text does not push the page sideways');
  await screenshot(page, 'hostile-toolkit');

  await page.click('#open-summary-link');
  await page.waitForSelector('#profile-grid');
  await assertInert(page, 'summary');
  await visibleText(page, SCRIPT, 'summary');
  assert.equal(await page.inputValue('#analysis'), QUOTES);
  await screenshot(page, 'hostile-summary');

  await page.click('#contacts-button');
  await page.waitForSelector('#contacts-dialog[open]');
  await assertInert(page, 'contacts');
  await visibleText(page, IMG, 'contacts');
  await visibleText(page, LONG, 'contacts');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hostile name typed into a form reaches the backend unchanged', async () => {
  const { page, context } = await open({ unlocked: true });
  await page.waitForSelector('#new-household');
  await page.click('#new-household');
  await page.waitForSelector('#household-name');
  const name = `${IMG} ${RTL} ${QUOTES}`;
  await page.fill('#household-name', name);
  await page.press('#household-name', 'Tab');
  await page.waitForSelector('#save-state:has-text("Saved at")');
  const saves = await callsOf(page, 'save_household');
  assert.equal(saves.at(-1).input.name, name);
  await page.click('#nav-households');
  await page.waitForSelector('a.household-link >> nth=1');
  await assertInert(page, 'households after typing');
  await visibleText(page, name, 'households after typing');
  await context.close();
});

test("the page runs under the shell's CSP, which refuses inline scripts and styles", async () => {
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  assert.deepEqual(errors, [], 'the interface itself breaks no CSP rule');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 3';
    document.body.append(s);
    const st = document.createElement('style');
    st.textContent = 'body { display: none }';
    document.head.append(st);
  });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the inline script did not run');
  assert.equal(await page.isVisible('#household-search'), true, 'the inline style was not applied');
  assert.ok(
    errors.some((e) => e.startsWith('CSP violation')),
    'violations are reported to the tests',
  );
  await context.close();
});

test('direction controls in stored text are isolated where the text is shown', async () => {
  const { page, context, errors } = await open({ unlocked: true });
  await page.waitForSelector('#household-search');
  const OVERRIDE = 'Smith \u202Eylimaf\u202C (fictional)';
  await page.evaluate((name) => {
    window.__fake.state.households[0].name = name;
  }, OVERRIDE);
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.waitForSelector('#auto-lock-minutes');
  await page.evaluate(() => {
    location.hash = '#/households';
  });
  await page.waitForSelector('a.household-link');
  const shown = await page.evaluate((name) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue.includes(name)) continue;
      const holder = n.parentElement.closest('[dir]');
      return holder ? { dir: holder.getAttribute('dir'), bidi: getComputedStyle(holder).unicodeBidi } : { dir: null, bidi: null };
    }
    return null;
  }, OVERRIDE);
  assert.ok(shown, 'the name is shown');
  assert.equal(shown.dir, 'auto', 'the name takes its direction from itself');
  assert.equal(shown.bidi, 'isolate', 'the name is isolated from the text around it');
  // Fields typed into also take their direction from what is typed.
  await page.click('a.household-link');
  await page.waitForSelector('#household-name');
  const field = await page.evaluate(() => {
    const el = document.querySelector('#household-name');
    return { dir: el.getAttribute('dir'), bidi: getComputedStyle(el).unicodeBidi };
  });
  assert.deepEqual(field, { dir: 'auto', bidi: 'plaintext' });
  assert.deepEqual(errors, []);
  await context.close();
});
