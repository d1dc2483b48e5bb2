#!/usr/bin/env node
/**
 * Brings dist/ up to date with the sources before an npm script runs the
 * compiled CLIs: every source file newer than its compiled file is transpiled
 * again (TypeScript's transpileModule with tsconfig.build.json's options, as
 * `ts-node --transpile-only` did, so no type check: that is `npm run
 * typecheck`), and every asset (YAML, JSON, .mjs) newer than its copy is
 * copied. Checking costs a few milliseconds (one stat per source, see
 * STAMP); nothing stale ever runs.
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

/** Source and asset files under `rel`, with their modification times; folders are told apart by the listing, not by a stat. */
function walk(rel, into) {
  const full = path.join(ROOT, rel);
  let entries;
  try {
    entries = fs.readdirSync(full, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOTDIR') return addFile(rel, into);
    if (err.code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) {
    if (e.name === 'node_modules') continue;
    const child = rel + path.sep + e.name;
    // Links are followed, and some file systems give no type in a listing: look at those.
    const dir = e.isDirectory() || (!e.isFile() && fs.statSync(path.join(ROOT, child), { throwIfNoEntry: false })?.isDirectory());
    if (dir) walk(child, into);
    else addFile(child, into);
  }
}

function addFile(rel, into) {
  if (!((rel.endsWith('.ts') && !rel.endsWith('.d.ts')) || (ASSET.test(rel) && !/tsconfig[^/]*\.json$/.test(rel)))) return;
  const stat = fs.statSync(path.join(ROOT, rel), { throwIfNoEntry: false });
  if (stat?.isFile()) into.push({ rel, mtime: stat.mtimeMs });
}

const outOf = (rel) => path.join(DIST, rel.endsWith('.ts') ? rel.replace(/\.ts$/, '.js') : rel);

/**
 * What was checked or built last time: each source's modification time when
 * its output was last known current. A source whose time still matches needs
 * no look at its output, which halves the file-system calls of a check; any
 * other time (newer, or older as after a checkout) is compared with the output.
 */
// No .json name: package.json's `files` ships dist/**/*.json.
const STAMP = path.join(DIST, '.ensure-dist-stamp');

function readStamp() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    return stamp && typeof stamp.sources === 'object' ? stamp.sources : {};
  } catch {
    return {};
  }
}

function writeStamp(files) {
  const sources = {};
  for (const f of files) sources[f.rel] = f.mtime;
  try {
    fs.writeFileSync(STAMP, `${JSON.stringify({ sources })}\n`);
  } catch {
    // dist/ not writable: the next check compares outputs again.
  }
}

/** Every source and asset, and those whose output is missing or older (all of them with `all`). */
function check(all) {
  const files = [];
  for (const root of sourceRoots()) walk(root, files);
  files.push({ rel: 'package.json', mtime: fs.statSync(path.join(ROOT, 'package.json')).mtimeMs });
  if (all) return { files, todo: files };
  const stamp = readStamp();
  const todo = files.filter((f) => {
    if (stamp[f.rel] === f.mtime) return false;
    const out = fs.statSync(outOf(f.rel), { throwIfNoEntry: false });
    return !out || out.mtimeMs < f.mtime || stamp[f.rel] !== undefined;
  });
  return { files, todo, stampCurrent: todo.length === 0 && files.length === Object.keys(stamp).length && files.every((f) => stamp[f.rel] === f.mtime) };
}

function ensureDist({ all = false, quiet = false } = {}) {
  const { files, todo, stampCurrent } = check(all);
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
  if (!stampCurrent) writeStamp(files);
  if (todo.length > 0 && !quiet) {
    process.stderr.write(`dist: ${sources.length} file(s) transpiled, ${todo.length - sources.length} copied\n`);
  }
}

module.exports = { ensureDist };

if (require.main === module) ensureDist({ all: process.argv.includes('--all'), quiet: process.argv.includes('--quiet') });
