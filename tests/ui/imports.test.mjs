// The shape of the interface's module graph, read from the source with no browser: every
// relative import names a file that exists, no view imports another view (shared pieces live in
// ui/components/ or beside the view in its own folder), and no module imports itself round a
// circle.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './helpers.mjs';

const uiRoot = path.join(repoRoot, 'ui');
const viewsRoot = path.join(uiRoot, 'views');

async function jsFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsFiles(p)));
    else if (entry.name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** The specifiers a module's text imports or re-exports from, static or dynamic. */
export function importSpecifiers(text) {
  const found = [];
  const patterns = [/^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** The view a file under ui/views/ belongs to: its file name, or the folder it sits in. */
export function viewOf(file) {
  const rel = path.relative(viewsRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0].replace(/\.js$/, '');
}

/** A cycle in a graph (Map of node -> nodes) as a list of nodes ending where it began, or null. */
export function findCycle(graph) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) || []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

/** ui/'s module graph: file -> the files it imports (relative imports only; there are no others). */
async function uiGraph() {
  const graph = new Map();
  for (const file of await jsFiles(uiRoot)) {
    const specs = importSpecifiers(await readFile(file, 'utf8'));
    graph.set(
      file,
      specs.map((s) => {
        assert.match(s, /^\.\.?\//, `${path.relative(repoRoot, file)} imports "${s}", which is not a file of ui/`);
        return path.resolve(path.dirname(file), s);
      }),
    );
  }
  return graph;
}

const rel = (f) => path.relative(repoRoot, f);

test('the import reader finds static, multi-line, re-export and dynamic imports', () => {
  const text = [
    "import * as api from '../api.js';",
    'import {',
    '  a,',
    '  b,',
    "} from './x.js';",
    'export { c } from "./y.js";',
    "import './side.js';",
    "const m = await import('./lazy.js');",
    "// not an import: from './z.js'",
  ].join('\n');
  assert.deepEqual(importSpecifiers(text).sort(), ['../api.js', './lazy.js', './side.js', './x.js', './y.js']);
});

test('the cycle finder finds a cycle and accepts a tree', () => {
  const tree = new Map([
    ['app', ['a', 'b']],
    ['a', ['c']],
    ['b', ['c']],
    ['c', []],
  ]);
  assert.equal(findCycle(tree), null);
  const circle = new Map([
    ['app', ['a']],
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
  ]);
  assert.deepEqual(findCycle(circle), ['a', 'b', 'c', 'a']);
});

test('every relative import in ui/ names a file that exists', async () => {
  const graph = await uiGraph();
  assert.ok(graph.size >= 10, 'the modules of ui/ were found');
  for (const [file, deps] of graph) {
    for (const dep of deps) assert.ok(existsSync(dep), `${rel(file)} imports ${rel(dep)}, which does not exist`);
  }
});

test('no view imports another view', async () => {
  const graph = await uiGraph();
  assert.equal(viewOf(path.join(viewsRoot, 'toolkit', 'item.js')), 'toolkit');
  assert.equal(viewOf(path.join(viewsRoot, 'settings.js')), 'settings');
  let views = 0;
  for (const [file, deps] of graph) {
    const own = viewOf(file);
    if (!own) continue;
    views += 1;
    for (const dep of deps) {
      const other = viewOf(dep);
      assert.ok(other === null || other === own, `${rel(file)} (view "${own}") imports ${rel(dep)} from view "${other}"`);
    }
  }
  assert.ok(views >= 7, 'the views were found');
});

test('no import cycle among the modules of ui/', async () => {
  const cycle = findCycle(await uiGraph());
  assert.equal(cycle, null, cycle ? `import cycle: ${cycle.map(rel).join(' -> ')}` : '');
});
