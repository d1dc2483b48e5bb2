/**
 * The end of a jest run's scratch folder (TOM_TEST_RUN_DIR, made by
 * global-setup.js): what test files started for the whole run and left
 * running (the shared PostgreSQL server) is stopped, then the folder removed.
 *
 * A test file that starts such a thing records, before starting it, the
 * command that stops it as `<run dir>/at-run-end/<name>.json`:
 * `{ "argv": [...], "env": {...} }`. Each command is run once, with a time
 * limit; a failure is reported and the rest still run.
 *
 * Run as a script (`node run-cleanup.js <jest pid> <run dir>`) it is the
 * watchdog global-setup.js starts: jest runs no global teardown when it is
 * interrupted (Ctrl-C, a CI job cancelled, a crash), so this detached
 * process does the same cleanup once the jest process is gone, and simply
 * exits once the teardown has removed the folder.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const AT_RUN_END = 'at-run-end';
const STOP_TIMEOUT_MS = 30_000;

function cleanUpRun(runDir) {
  const commandsDir = join(runDir, AT_RUN_END);
  const names = existsSync(commandsDir) ? readdirSync(commandsDir).filter((name) => name.endsWith('.json')) : [];
  for (const name of names) {
    try {
      const { argv, env } = JSON.parse(readFileSync(join(commandsDir, name), 'utf8'));
      const result = spawnSync(argv[0], argv.slice(1), { env: { ...process.env, ...env }, stdio: 'ignore', timeout: STOP_TIMEOUT_MS });
      if (result.error) console.error(`test run cleanup: ${name}: ${result.error.message}`);
    } catch (err) {
      console.error(`test run cleanup: ${name}: ${err.message}`);
    }
  }
  rmSync(runDir, { recursive: true, force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

if (require.main === module) {
  const [pid, runDir] = [Number(process.argv[2]), process.argv[3]];
  const timer = setInterval(() => {
    if (!existsSync(runDir)) clearInterval(timer);
    else if (!isAlive(pid)) {
      clearInterval(timer);
      cleanUpRun(runDir);
    }
  }, 1000);
}

module.exports = { AT_RUN_END, cleanUpRun };
