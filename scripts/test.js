#!/usr/bin/env node
/**
 * `npm test`: the type check (`tsc --noEmit`) and the tests (`jest --ci`)
 * side by side rather than one after the other. tsc is a single thread for
 * its whole run, and jest's workers spend part of theirs waiting on real
 * servers, browsers and child processes, so together they finish sooner.
 *
 * jest's output streams as it comes; tsc's is held back so the two never
 * interleave. If the type check fails, jest is stopped and the type errors
 * are printed (fix those first, as with `tsc && jest`); otherwise the exit
 * code is jest's. Arguments go to jest: `npm test -- test/policies`. jest
 * always runs with `--ci` (a `ci` key in jest.config.js would not do: the
 * jest command line's own default overrides it).
 */
'use strict';
const { spawn } = require('node:child_process');

const node = process.execPath;
const tsc = spawn(node, [require.resolve('typescript/bin/tsc'), '--noEmit'], { stdio: ['ignore', 'pipe', 'pipe'] });
const jestArgs = process.argv.slice(2);
// CI mode whatever the caller passed: a missing snapshot fails instead of being written.
if (!jestArgs.includes('--ci')) jestArgs.unshift('--ci');
const jest = spawn(node, [require.resolve('jest/bin/jest'), ...jestArgs], { stdio: 'inherit' });

const held = [];
tsc.stdout.on('data', (chunk) => held.push(chunk));
tsc.stderr.on('data', (chunk) => held.push(chunk));

const exited = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
const tscDone = exited(tsc);
let jestFinished = false;
const jestDone = exited(jest).then((code) => {
  jestFinished = true;
  return code;
});

// Ctrl-C or a CI cancel reaches both.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    tsc.kill(signal);
    jest.kill(signal);
  });
}

tscDone.then((code) => {
  if (code === 0) return;
  const stopped = !jestFinished;
  jest.kill('SIGTERM');
  jestDone.then(() => {
    process.stderr.write(`\ntsc --noEmit found type errors (exit ${code})${stopped ? '; the tests were stopped' : ''}:\n\n`);
    for (const chunk of held) process.stderr.write(chunk);
    process.exit(code);
  });
});

Promise.all([tscDone, jestDone]).then(([tscCode, jestCode]) => {
  if (tscCode !== 0) return; // reported above
  process.stderr.write('tsc --noEmit: no type errors\n');
  process.exit(jestCode);
});
