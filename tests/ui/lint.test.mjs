// The linter's own rule against building HTML from strings (the GritQL plugins in lint/, loaded
// by biome.jsonc) flags each way of doing it and leaves textContent alone.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const biome = path.join(here, 'node_modules', '.bin', 'biome');
const plugins = ['no-html-strings.grit', 'no-document-write.grit'].map((f) => path.join(here, 'lint', f));

// One statement per line; the lines marked "bad" must be flagged, the others not.
const PROBE = [
  ['el.innerHTML = s;', 'bad'],
  ['const t = el.outerHTML;', 'bad'],
  ["el.insertAdjacentHTML('beforeend', s);", 'bad'],
  ["el['innerHTML'] = s;", 'bad'],
  ['document.write(s);', 'bad'],
  ['document.writeln(s, s);', 'bad'],
  ['window.document.write(s);', 'bad'],
  ['el.textContent = s;', 'good'],
  ["el.textContent = 'innerHTML';", 'good'],
  ['el.innerHTMLish = s;', 'good'],
  ['stream.write(s);', 'good'],
];

/** The line numbers Biome flags in `text` with only the plugins switched on. */
async function flaggedLines(text) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ntk-lint-'));
  try {
    await writeFile(path.join(dir, 'biome.json'), JSON.stringify({ plugins, linter: { rules: { preset: 'none' } }, formatter: { enabled: false } }));
    await writeFile(path.join(dir, 'probe.js'), text);
    let stdout;
    try {
      ({ stdout } = await promisify(execFile)(biome, ['lint', '--reporter=json', 'probe.js'], { cwd: dir }));
    } catch (err) {
      // Biome exits non-zero when it finds an error; the report is still on stdout.
      stdout = err.stdout;
    }
    const report = JSON.parse(stdout);
    return report.diagnostics.filter((d) => d.category === 'plugin').map((d) => d.location.start.line);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the lint plugins flag innerHTML, outerHTML, insertAdjacentHTML and document.write, and nothing else', async () => {
  const text = `${PROBE.map(([line]) => line).join('\n')}\n`;
  const expected = PROBE.flatMap(([, kind], i) => (kind === 'bad' ? [i + 1] : []));
  const flagged = [...new Set(await flaggedLines(text))].sort((a, b) => a - b);
  assert.deepEqual(flagged, expected);
});

test('biome.jsonc loads both plugins', async () => {
  const config = await readFile(path.join(repoRoot, 'biome.jsonc'), 'utf8');
  for (const p of plugins) assert.ok(config.includes(`"./${path.relative(repoRoot, p)}"`), `biome.jsonc does not load ${path.relative(repoRoot, p)}`);
});
