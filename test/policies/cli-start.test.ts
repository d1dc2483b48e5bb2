/** The CLIs as installed programs: bin entries, shebangs, and a `--help` that loads nothing of the audit. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { USAGE, USAGE_DEFAULTS } from '../../policies/cli';
import { DEFAULT_FAIL_ON, DEFAULT_UNKNOWN_MODE } from '../../policies/engine';
import { MAX_WAIVER_DAYS_LIMIT } from '../../policies/gate';
import { DEFAULT_MAX_WAIVER_DAYS } from '../../policies/waivers';

const ROOT = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[]; scripts: Record<string, string> };

it('states the engine’s defaults in its usage', () => {
  expect(USAGE_DEFAULTS).toEqual({ failOn: DEFAULT_FAIL_ON, unknownMode: DEFAULT_UNKNOWN_MODE, maxWaiverDays: DEFAULT_MAX_WAIVER_DAYS, maxWaiverDaysLimit: MAX_WAIVER_DAYS_LIMIT });
  expect(USAGE).toContain(`(default ${DEFAULT_FAIL_ON})`);
});

it('installs one bin per CLI, compiled from a source that starts with a shebang', () => {
  expect(pkg.bin).toEqual({ 'tom-audit': 'dist/policies/cli.js', 'tom-synth': 'dist/main.js', 'tom-backup': 'dist/backup/cli.js', 'tom-evidence': 'dist/evidence/cli.js' });
  for (const out of Object.values(pkg.bin)) {
    const source = out.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    expect(readFileSync(join(ROOT, source), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  }
  expect(pkg.scripts.prepare).toBe('npm run build');
  expect(pkg.scripts.audit).toBe('node scripts/dist-run.js dist/policies/cli.js');
  expect(pkg.files.some((f) => f.startsWith('test') || f.endsWith('.ts'))).toBe(false);
});

it('answers --help without loading the engine, the readers, yaml or zod', () => {
  const script = `require('./policies/cli').runCli(['--help'], { stdout() {}, stderr() {} }).then((code) => process.stdout.write(JSON.stringify({ code, loaded: Object.keys(require.cache) })))`;
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const { code, loaded } = JSON.parse(res.stdout) as { code: number; loaded: string[] };
  expect(code).toBe(0);
  expect(loaded.some((f) => f.includes(`${join('policies', 'cli.ts')}`))).toBe(true);
  expect(loaded.filter((f) => /policies[\\/](engine|gate|inventory|waivers)\.ts$|node_modules[\\/](yaml|zod)[\\/]/.test(f))).toEqual([]);
});
