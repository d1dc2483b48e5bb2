#!/usr/bin/env node
/**
 * `node scripts/dist-run.js dist/policies/cli.js ARGS...`: what the npm
 * scripts run. Brings dist/ up to date (scripts/ensure-dist.js) and then runs
 * the compiled entry as the main module in the same process, with ARGS as its
 * arguments: one Node start instead of two.
 */
'use strict';
const path = require('node:path');
const { ensureDist } = require('./ensure-dist');

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/dist-run.js dist/<entry>.js [args...]\n');
  process.exit(2);
}
ensureDist();
// The entry becomes process.argv[1], as if started with `node dist/<entry>.js ARGS...`.
process.argv.splice(1, 2, path.resolve(__dirname, '..', entry));
require('node:module').runMain();
