#!/usr/bin/env node
/**
 * Brings dist/ up to date with the sources before an npm script runs the
 * compiled CLIs: every source file newer than its compiled file is transpiled
 * again (TypeScript's transpileModule with tsconfig.build.json's options, as
 * `ts-node --transpile-only` did, so no type check: that is `npm run
 * typecheck`), and every asset (YAML, JSON, .mjs) newer than its copy is
 * copied. Checking costs a few milliseconds; nothing stale ever runs.
 *
 * `--all` rebuilds every file. `npm run build` runs it after tsc, for the
 * assets; `scripts/dist-run.js` calls it in-process before running a CLI.
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const CONFIG = path.join(ROOT, 'tsconfig.build.json');
/** Files the compiled code reads at run time beside itself. */
const ASSET = /\.(ya?ml|json|mjs)$/;

/** Source roots from tsconfig.build.json's `include` (`dir/**\/*.ts` or a single file). */
function sourceRoots() {
  const include = JSON.parse(fs.readFileSync(CONFIG, 'utf8')).include;
  return include.map((pattern) => pattern.replace(/\/\*\*\/\*\.ts$/, ''));
}

function walk(rel, into) {
  const full = path.join(ROOT, rel);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full)) if (name !== 'node_modules') walk(path.join(rel, name), into);
  } else if ((rel.endsWith('.ts') && !rel.endsWith('.d.ts')) || (ASSET.test(rel) && !/tsconfig[^/]*\.json$/.test(rel))) {
    into.push({ rel, mtime: stat.mtimeMs });
  }
}

const outOf = (rel) => path.join(DIST, rel.endsWith('.ts') ? rel.replace(/\.ts$/, '.js') : rel);

function stale(all) {
  const files = [];
  for (const root of sourceRoots()) walk(root, files);
  files.push({ rel: 'package.json', mtime: fs.statSync(path.join(ROOT, 'package.json')).mtimeMs });
  if (all) return files;
  return files.filter((f) => {
    const out = fs.statSync(outOf(f.rel), { throwIfNoEntry: false });
    return !out || out.mtimeMs < f.mtime;
  });
}

function ensureDist({ all = false, quiet = false } = {}) {
  const todo = stale(all);
  const sources = todo.filter((f) => f.rel.endsWith('.ts'));
  let ts;
  let compilerOptions;
  if (sources.length > 0) {
    try {
      ts = require('typescript');
    } catch {
      process.stderr.write('dist/ is out of date and TypeScript is not installed: run npm ci, then npm run build.\n');
      process.exit(2);
    }
    const read = ts.readConfigFile(CONFIG, ts.sys.readFile);
    compilerOptions = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT).options;
  }
  for (const f of todo) {
    const out = outOf(f.rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (f.rel.endsWith('.ts')) {
      const text = fs.readFileSync(path.join(ROOT, f.rel), 'utf8');
      const { outputText } = ts.transpileModule(text, { compilerOptions, fileName: f.rel });
      fs.writeFileSync(out, outputText);
    } else {
      fs.copyFileSync(path.join(ROOT, f.rel), out);
    }
  }
  if (todo.length > 0 && !quiet) {
    process.stderr.write(`dist: ${sources.length} file(s) transpiled, ${todo.length - sources.length} copied\n`);
  }
}

module.exports = { ensureDist };

if (require.main === module) ensureDist({ all: process.argv.includes('--all'), quiet: process.argv.includes('--quiet') });
