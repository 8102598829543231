// Checks of the interface's source that need no browser: data never goes in as HTML, no inline
// scripts or styles (the CSP forbids them), no remote resources, one module talks to the backend.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './helpers.mjs';

/** The code the page loads (.js, .html, .css) under ui/. */
async function uiFiles(dir = path.join(repoRoot, 'ui')) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await uiFiles(p)));
    else if (/\.(js|html|css)$/.test(entry.name)) out.push(p);
  }
  return out;
}

test('no file in ui/ uses innerHTML, outerHTML or insertAdjacentHTML', async () => {
  const files = await uiFiles();
  assert.ok(
    files.some((f) => f.endsWith(path.join('toolkit', 'index.js'))),
    'the views were found',
  );
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    assert.doesNotMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `${path.relative(repoRoot, f)} builds HTML from strings`);
  }
});

test('index.html has no inline script, inline style or style attribute, and sets the language', async () => {
  // The CSP itself comes from the shell (tauri.conf.json); the browser tests serve the same one.
  const html = await readFile(path.join(repoRoot, 'ui', 'index.html'), 'utf8');
  assert.match(html, /<html lang="en-GB">/);
  assert.doesNotMatch(html, /<style/i);
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  for (const m of html.matchAll(/<script([^>]*)>/gi)) assert.match(m[1], /\ssrc=/, 'every script is a file');
});

test('ui/ loads nothing from another origin', async () => {
  for (const f of await uiFiles()) {
    const text = await readFile(f, 'utf8');
    assert.doesNotMatch(text, /(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i, `${path.relative(repoRoot, f)} names a remote address`);
  }
});

test('only ui/api.js talks to the backend', async () => {
  for (const f of await uiFiles()) {
    const text = await readFile(f, 'utf8');
    const uses = /__TAURI__/.test(text);
    if (path.basename(f) === 'api.js') assert.ok(uses, 'api.js calls the backend');
    else assert.ok(!uses, `${path.relative(repoRoot, f)} calls the backend directly`);
  }
});

test('no view sets a style attribute or creates a style or script element', async () => {
  for (const f of await uiFiles()) {
    if (!f.endsWith('.js')) continue;
    const text = await readFile(f, 'utf8');
    assert.doesNotMatch(
      text,
      /setAttribute\(\s*['"]style['"]|\bstyle:\s*['"]|createElement\(\s*['"](style|script)['"]|h\(\s*['"](style|script)['"]/,
      `${path.relative(repoRoot, f)} sets styles or scripts in a way the CSP forbids`,
    );
  }
});
