// Shared test plumbing: a tiny static server for ui/ on 127.0.0.1, Debian's Chromium through
// playwright-core (never a downloaded browser), the stand-in backend injected before the page's
// own scripts with the assessment views the core made (fixtures/demo-views.json), axe-core
// checks and screenshots to artifacts/ui/.

import http from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const uiRoot = path.join(repoRoot, 'ui');
const artifacts = path.join(repoRoot, 'artifacts', 'ui');
const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const fakePath = path.join(here, 'fake-backend.js');

/**
 * The demo household's assessment views as the core made them (written by
 * tests/integration/words/ui_fixtures.rs); the stand-in backend serves these, and tests read
 * their expectations from them rather than restating the core's words.
 */
export const fixture = JSON.parse(await readFile(path.join(here, 'fixtures', 'demo-views.json'), 'utf8'));

/** The view the core made at a named step (`initial`, `review`, `review-completed`, ...). */
export function viewAt(step) {
  const v = fixture.views.find((x) => x.step === step);
  if (!v) throw new Error(`no fixture step ${step}`);
  return v.view;
}

/** The content security policy of the desktop shell (src-tauri/tauri.conf.json), sent with every file. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

/** Serve ui/ on a free port of 127.0.0.1. Resolves with { url, close }. */
export async function serveUi() {
  const server = http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const rel = urlPath === '/' ? 'index.html' : urlPath.replace(/^\/+/, '');
    const file = path.resolve(uiRoot, rel);
    if (!file.startsWith(uiRoot + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
        'content-security-policy': CSP,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * The browser's language and time zone for the whole run: en-GB in Europe/London unless
 * UI_LOCALE (for example en-US) and UI_TIMEZONE say otherwise, so the suite can be run as on a
 * machine set up for another country: `UI_LOCALE=en-US UI_TIMEZONE=America/New_York node --test`.
 */
export const LOCALE = process.env.UI_LOCALE || 'en-GB';
export const TIMEZONE = process.env.UI_TIMEZONE || 'Europe/London';

/** Launch Debian's headless Chromium, with its interface language set to `locale`. */
export function launch(locale = LOCALE) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${locale}`,
    ],
  });
}

/**
 * Serve ui/ and launch Chromium once for a test file (node:test's before and after), and return
 * `open(...)`: `openApp` with that browser and server.
 */
export function browserSuite() {
  const suite = {};
  before(async () => {
    suite.server = await serveUi();
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser.close();
    await suite.server.close();
  });
  return (...args) => openApp(suite.browser, suite.server, ...args);
}

/**
 * Open the interface with the stand-in backend. `options` go to window.__FAKE_OPTIONS__;
 * `where` sets the page's language (navigator.language) and time zone.
 * Any request that is not to the local server fails the test (no remote resources).
 */
export async function openApp(browser, server, options = {}, viewport = { width: 1280, height: 900 }, where = {}) {
  const { locale = LOCALE, timezoneId = TIMEZONE } = where;
  const context = await browser.newContext({ viewport, locale, timezoneId });
  const page = await context.newPage();
  const remote = [];
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(server.url)) route.continue();
    else {
      remote.push(route.request().url());
      route.abort();
    }
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A CSP violation (an inline style or script creeping in) is an error too.
  await page.exposeBinding('__reportCsp', (_source, text) => errors.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCsp(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript((o) => {
    window.__FAKE_OPTIONS__ = o;
  }, options);
  await page.addInitScript((f) => {
    window.__FAKE_FIXTURE__ = f;
  }, fixture);
  await page.addInitScript({ path: fakePath });
  await page.goto(server.url);
  const language = await page.evaluate(() => navigator.language);
  if (language !== locale) throw new Error(`the page runs in ${language}, not ${locale}`);
  return { page, context, errors, remote };
}

/** Unlock with the demo passphrase and wait for the households list. */
export async function unlockDemo(page) {
  await page.fill('#unlock-passphrase', 'demo-passphrase');
  await page.click('#unlock-submit');
  await page.waitForSelector('#household-search');
}

/** Run axe-core on the page; resolves with the serious and critical violations. */
export async function seriousViolations(page) {
  // Evaluated through the debugging protocol, which the page's CSP does not govern; a script
  // tag would be (rightly) refused by it.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(await readFile(axePath, 'utf8'));
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

/** Save a full-page screenshot to artifacts/ui/<name>.png. */
export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * Remove the first child's rating of `item` from the review in progress (the stand-in's second
 * assessment), so a test starts from an item not yet rated.
 */
export function forgetRating(page, item) {
  return page.evaluate((n) => {
    const s = window.__fake.state;
    const child = s.households[0].children[0].id;
    const a = s.assessments[1];
    a.ratings = a.ratings.filter((r) => !(r.item === n && r.subject.kind === 'child' && r.subject.child_id === child));
  }, item);
}

/** The calls the stand-in backend received with this command name. */
export function callsOf(page, name) {
  return page.evaluate((n) => window.__fake.calls.filter((c) => c.name === n), name);
}
