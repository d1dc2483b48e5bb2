/**
 * The GitHub Action: action/run.sh maps inputs to tom-audit's arguments
 * without ever turning an input into shell code, records the gate's exit code
 * and lets the uploads run; action.yml passes inputs only through `env:`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { compiledEntry } from '../support/compiled';

const ROOT = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'tom-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in tom-audit that records its arguments and exits with FAKE_CODE. */
const fake = join(work, 'fake-tom-audit');
writeFileSync(fake, `#!/usr/bin/env node\nrequire('fs').writeFileSync(process.env.ARGV_OUT, JSON.stringify(process.argv.slice(2)));\nprocess.exit(Number(process.env.FAKE_CODE || 0));\n`);
chmodSync(fake, 0o755);

function runAction(inputs: Record<string, string>, code = 0) {
  const argvOut = join(work, `argv-${Math.random().toString(36).slice(2)}.json`);
  const output = join(work, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, '');
  const res = spawnSync('bash', [join(ROOT, 'action', 'run.sh')], {
    cwd: work,
    env: { PATH: process.env.PATH, TOM_AUDIT_BIN: fake, ARGV_OUT: argvOut, FAKE_CODE: String(code), GITHUB_OUTPUT: output, ...inputs },
    encoding: 'utf8',
  });
  return {
    status: res.status,
    stderr: res.stderr,
    argv: existsSync(argvOut) ? (JSON.parse(readFileSync(argvOut, 'utf8')) as string[]) : undefined,
    output: readFileSync(output, 'utf8'),
  };
}

describe('action/run.sh', () => {
  it('maps each input to its flag, paths one per line after `--`', () => {
    const r = runAction({ INPUT_PATHS: 'cdktf.out\n  cdk.out  \n\n', INPUT_FAIL_ON: 'medium', INPUT_UNKNOWN: 'warn', INPUT_WAIVERS: 'ci/waivers.yaml', INPUT_OUT: 'out', INPUT_SARIF_CATEGORY: 'tom-audit/prod', INPUT_HELP_BASE: 'https://example.org/docs/controls/' });
    expect(r.argv).toEqual(['--fail-on', 'medium', '--unknown', 'warn', '--waivers', 'ci/waivers.yaml', '--out', 'out', '--sarif-category', 'tom-audit/prod', '--sarif-help-base', 'https://example.org/docs/controls/', '--', 'cdktf.out', 'cdk.out']);
    expect(r.output).toBe('exit-code=0\n');
  });

  it('leaves out empty inputs and defaults the report folder', () => {
    expect(runAction({ INPUT_PATHS: 'cdktf.out', INPUT_FAIL_ON: '', INPUT_WAIVERS: '  ' }).argv).toEqual(['--out', 'reports', '--', 'cdktf.out']);
  });

  it('never runs an input as shell code: spaces, quotes, $(), backticks and leading dashes stay literal arguments', () => {
    const marker = join(work, 'pwned');
    const hostile = [`my dir/with "double" and 'single' quotes`, `$(touch ${marker})`, `\`touch ${marker}\``, '-rf', `; touch ${marker}`, '${HOME}'];
    const r = runAction({ INPUT_PATHS: hostile.join('\n'), INPUT_WAIVERS: `w $(touch ${marker}).yaml`, INPUT_FAIL_ON: `high"; touch ${marker}; "` });
    expect(r.argv).toEqual(['--fail-on', `high"; touch ${marker}; "`, '--waivers', `w $(touch ${marker}).yaml`, '--out', 'reports', '--', ...hostile]);
    expect(existsSync(marker)).toBe(false);
  });

  it('records the gate’s exit code and exits 0 so the uploads still run', () => {
    for (const code of [1, 2]) {
      const r = runAction({ INPUT_PATHS: 'cdktf.out' }, code);
      expect(r.status).toBe(0);
      expect(r.output).toBe(`exit-code=${code}\n`);
    }
  });

  it('runs the real CLI: a path with spaces after `--`, the gate’s exit code, the reports', () => {
    const real = join(work, 'real-tom-audit');
    writeFileSync(real, `#!/bin/sh\nexec "${process.execPath}" "${compiledEntry('policies/cli.ts')}" "$@"\n`);
    chmodSync(real, 0o755);
    cpSync(join(ROOT, 'test', 'fixtures', 'inputs', 'cdktf.out'), join(work, 'my dir', 'cdktf.out'), { recursive: true });
    const output = join(work, 'real-output');
    writeFileSync(output, '');
    const res = spawnSync('bash', [join(ROOT, 'action', 'run.sh')], {
      cwd: ROOT,
      env: { ...process.env, TOM_AUDIT_BIN: real, GITHUB_OUTPUT: output, INPUT_PATHS: join(work, 'my dir', 'cdktf.out'), INPUT_OUT: join(work, 'reports'), INPUT_FAIL_ON: 'low' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/NOT COMPLIANT/);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    expect(existsSync(join(work, 'reports', 'junit.xml'))).toBe(true);
  });

  it('reports empty paths as unusable input without running the audit', () => {
    const r = runAction({ INPUT_PATHS: ' \n \n' });
    expect(r.argv).toBeUndefined();
    expect(r.output).toBe('exit-code=2\n');
    expect(r.stderr).toMatch(/input 'paths' is empty/);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    runs: { using: string; steps: { run?: string; uses?: string; env?: Record<string, string>; if?: string }[] };
  };
  const steps = action.runs.steps;

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'fail-on', 'unknown', 'waivers', 'out', 'upload-sarif']));
  });

  it('never interpolates an expression into shell code (inputs go through env)', () => {
    for (const s of steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{/);
    const audit = steps.find((s) => s.run?.includes('action/run.sh'))!;
    expect(Object.keys(audit.env!)).toEqual(expect.arrayContaining(['INPUT_PATHS', 'INPUT_FAIL_ON', 'INPUT_UNKNOWN', 'INPUT_WAIVERS', 'INPUT_OUT', 'TOM_AUDIT_BIN']));
  });

  it('uploads SARIF and the reports even when the gate failed, and fails last', () => {
    const uses = steps.map((s) => s.uses?.split('@')[0]);
    expect(uses).toEqual(expect.arrayContaining(['github/codeql-action/upload-sarif', 'actions/upload-artifact']));
    for (const s of steps.filter((x) => x.uses)) expect(s.if).toMatch(/always\(\)/);
    const last = steps[steps.length - 1]!;
    expect(last.if).toMatch(/always\(\)/);
    expect(last.env!.EXIT_CODE).toBe('${{ steps.audit.outputs.exit-code }}');
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  const doc = parse(readFileSync(join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, {
    extends?: string;
    script?: string[];
    variables?: Record<string, string>;
    artifacts?: { when: string; paths: string[]; reports: { junit: string } };
  }>;
  const job = doc['.tom-audit']!;

  it('hands JUnit to the test report and keeps every report, also when the gate fails', () => {
    expect(job.artifacts).toMatchObject({ when: 'always', paths: ['$TOM_REPORTS/'], reports: { junit: '$TOM_REPORTS/junit.xml' } });
    expect(job.script!.join('\n')).toMatch(/npx tom-audit .*--out "\$TOM_REPORTS" -- \$TOM_AUDIT_PATHS/);
    expect(doc['tom-audit']!.extends).toBe('.tom-audit');
  });
});
