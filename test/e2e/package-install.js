#!/usr/bin/env node
/**
 * `npm run test:package`: the kit as another repository gets it. Packs the kit
 * (`npm pack`, which runs `prepare`, so the tarball carries the compiled
 * dist/), installs the tarball into an empty project (dependencies from the
 * npm cache first: --prefer-offline), and runs the installed bins there:
 * `npx tom-audit --help`, `--list-controls`, and an audit of a cdktf output
 * folder with reports, expecting the gate's exit code and the six reports.
 *
 * Not part of `npm test`: the install extracts every dependency (about a
 * gigabyte) and takes minutes. Prints each step's time. Exit 0 when all
 * checks pass, 1 with the failing check otherwise.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'inputs', 'cdktf.out');
const keep = process.argv.includes('--keep');

function step(name, cmd, args, opts = {}) {
  const start = Date.now();
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  const ms = Date.now() - start;
  process.stdout.write(`${name}: ${(ms / 1000).toFixed(2)} s (exit ${res.status})\n`);
  return { ...res, ms };
}

function check(ok, message, res) {
  if (ok) return;
  process.stderr.write(`FAILED: ${message}\n${res ? `${res.stdout ?? ''}\n${res.stderr ?? ''}` : ''}\n`);
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tom-kit-package-'));
try {
  const pack = step('npm pack (runs prepare: the build)', 'npm', ['pack', '--pack-destination', work, '--json'], { cwd: ROOT });
  check(pack.status === 0, 'npm pack', pack);
  const { filename, files } = JSON.parse(pack.stdout)[0];
  const packed = new Set(files.map((f) => f.path));
  for (const f of ['dist/policies/cli.js', 'dist/main.js', 'dist/backup/cli.js', 'dist/evidence/cli.js', 'dist/policies/waivers.yaml', 'dist/config/example.yaml', 'action.yml']) {
    check(packed.has(f), `the tarball lacks ${f}`);
  }
  check(![...packed].some((f) => f.startsWith('test/') || f.endsWith('.tsbuildinfo') || f.endsWith('.ts')), 'the tarball carries tests, TypeScript sources or build info');
  process.stdout.write(`tarball: ${filename}, ${files.length} files\n`);

  const consumer = path.join(work, 'consumer');
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  const install = step('npm install <tarball> --prefer-offline', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, filename)], { cwd: consumer });
  check(install.status === 0, 'npm install of the tarball', install);

  const help = step('npx tom-audit --help', 'npx', ['--no-install', 'tom-audit', '--help'], { cwd: consumer });
  check(help.status === 0 && help.stdout.includes('Usage:'), 'tom-audit --help', help);
  const bin = path.join(consumer, 'node_modules', '.bin', 'tom-audit');
  const direct = step('node_modules/.bin/tom-audit --help', bin, ['--help'], { cwd: consumer });
  check(direct.status === 0, 'the bin runs by its shebang', direct);
  const list = step('npx tom-audit --list-controls', 'npx', ['--no-install', 'tom-audit', '--list-controls'], { cwd: consumer });
  check(list.status === 0 && / controls$/m.test(list.stdout), 'tom-audit --list-controls', list);

  fs.cpSync(FIXTURE, path.join(consumer, 'cdktf.out'), { recursive: true });
  const audit = step('npx tom-audit cdktf.out --out reports', 'npx', ['--no-install', 'tom-audit', 'cdktf.out', '--out', 'reports'], { cwd: consumer });
  check(audit.status === 0 || audit.status === 1, `tom-audit exit code ${audit.status} (expected the gate's 0 or 1)`, audit);
  check(/Audited \d+ resources/.test(audit.stdout), 'the audit summary', audit);
  const reports = fs.readdirSync(path.join(consumer, 'reports')).sort();
  check(reports.join() === 'compliance.html,compliance.json,compliance.md,compliance.sarif,junit.xml,oscal-assessment-results.json', `reports: ${reports.join()}`);
  const sarif = JSON.parse(fs.readFileSync(path.join(consumer, 'reports', 'compliance.sarif'), 'utf8'));
  const uris = sarif.runs[0].results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
  check(uris.every((u) => u.startsWith('cdktf.out/')), `SARIF URIs relative to the consumer repository: ${uris.slice(0, 3).join(', ')}`);
  process.stdout.write('package: OK\n');
} finally {
  if (keep) process.stdout.write(`kept ${work}\n`);
  else fs.rmSync(work, { recursive: true, force: true });
}
