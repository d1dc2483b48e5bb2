/**
 * Before any test file:
 * - bring dist/ up to date once (scripts/ensure-dist.js), so tests that run a
 *   CLI as a real process start the compiled JavaScript (what users run)
 *   without paying ts-node's compilation on every spawn, and without parallel
 *   workers transpiling the same stale file at once;
 * - make the run's scratch folder (TOM_TEST_RUN_DIR, inherited by the
 *   workers) for what test files of one run share, such as the PostgreSQL
 *   server of the backup tests; test/support/global-teardown.js stops what
 *   was left running there and removes it;
 * - start the run's watchdog (test/support/run-cleanup.js), which does that
 *   cleanup instead if jest ends without its global teardown (interrupted).
 */
'use strict';
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  require('../../scripts/ensure-dist').ensureDist({ quiet: true });
  const runDir = mkdtempSync(join(tmpdir(), 'tom-kit-test-run-'));
  // Traversable, so a test server running as another user (postgres, when the tests run as root) reaches its own folder inside.
  chmodSync(runDir, 0o755);
  process.env.TOM_TEST_RUN_DIR = runDir;
  // Detached (a process group of its own): the Ctrl-C that stops jest must not stop the watchdog too.
  spawn(process.execPath, [join(__dirname, 'run-cleanup.js'), String(process.pid), runDir], { detached: true, stdio: 'ignore' }).unref();
};
