import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROLS } from '../../../policies/catalog/index';
import { runCli, type CliIo } from '../../../policies/cli';
import type { Control } from '../../../policies/types';
import { EU_REGION, FAKE_CONTROLS, HAS_VPC } from './fake-controls';
import { compiledArgs } from '../../support/compiled';

const INPUTS = 'test/fixtures/inputs';
const NOW = new Date('2025-06-01T12:00:00Z');

async function cli(argv: string[], controls: readonly Control[] = FAKE_CONTROLS) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), controls, now: NOW };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('audit CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when compliant, with a summary', async () => {
    const r = await cli([INPUTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Audited 19 resources in 3 stack\(s\) against 6 controls \(fail-on: high\)\./);
    expect(r.stdout).toContain('1 failing finding(s) below high do not block');
    expect(r.stdout).toMatch(/COMPLIANT$/);
  });

  it('exits 1 when a control fails at or above --fail-on, printing each failure', async () => {
    const r = await cli([INPUTS, '--fail-on', 'medium']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Blocking (1):\n  FAKE-SEP-01 BackupVault: the stack declares no digitalocean_vpc');
    expect(r.stdout).toMatch(/NOT COMPLIANT$/);
    const quiet = await cli([INPUTS, '--fail-on', 'medium', '--quiet']);
    expect(quiet).toMatchObject({ code: 1, stdout: 'FAKE-SEP-01 BackupVault: the stack declares no digitalocean_vpc' });
  });

  it('exits 1 for an unused waiver', async () => {
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(waivers, '- control: FAKE-REG-01\n  resource: digitalocean_vpc.gone\n  reason: Kept for the migration window of the old region.\n  owner: ops\n  expires: 2026-01-01\n');
    const r = await cli([INPUTS, '--waivers', waivers, '--quiet']);
    expect(r).toMatchObject({ code: 1, stdout: 'FAKE-REG-01 digitalocean_vpc.gone: waiver (owner ops) matches no failing finding of FAKE-REG-01; remove it' });
  });

  it('writes the reports to --out', async () => {
    const out = join(dir, 'reports');
    const r = await cli([INPUTS, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`Reports: ${out}/`);
  });

  it('prints the result as JSON with --format json', async () => {
    const r = await cli([INPUTS, '--format', 'json']);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.summary).toMatchObject({ compliant: true, controls: 6 });
    expect(parsed.controlStatus[HAS_VPC.id]).toBe('fail');
  });

  it.each([
    [['missing-folder'], /^audit: missing-folder: no such file or folder/],
    [[join(INPUTS, 'cdk.out', 'tree.json')], /tree\.json: not a format the audit reads/],
    [[INPUTS, '--fail-on', 'severe'], /^audit: --fail-on is "severe"; allowed: critical, high, medium, low\.\nUsage:/],
    [[INPUTS, '--format', 'xml'], /--format is "xml"; allowed: table, json/],
    [[INPUTS, '--bogus'], /Unknown option '--bogus'/],
    [[], /^audit: no PATH given\./],
    [[INPUTS, '--waivers', 'missing.yaml'], /^audit: missing\.yaml: waivers file not found\.$/],
  ])('exits 2 for unusable input or usage %j, with one clear message', async (argv, message) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with one line when the reports cannot be written', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const r = await cli([INPUTS, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^audit: .*a-file.*$/);
    expect(r.stderr).not.toContain('\n');
  });

  it('leaves no output behind when the input is unusable', async () => {
    const out = join(dir, 'never');
    expect((await cli(['missing-folder', '--out', out])).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('lists the catalogue as a table or as JSON data', async () => {
    const table = await cli(['--list-controls'], [EU_REGION, HAS_VPC]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+SEVERITY\s+SCOPE\s+ISO 27001:2022\s+ART\.32\s+TOM CATEGORY\s+TITLE$/);
    expect(table.stdout).toMatch(/FAKE-REG-01\s+critical\s+resource\s+A\.8\.24\s+a\s+Weitergabekontrolle\s+Fake control FAKE-REG-01/);
    const json = JSON.parse((await cli(['--list-controls', '--format', 'json'], [EU_REGION])).stdout);
    expect(json).toEqual([expect.objectContaining({ id: 'FAKE-REG-01', appliesTo: EU_REGION.appliesTo, iso27001_2022: ['A.8.24'] })]);
    expect(json[0]).not.toHaveProperty('check');
  });

  it('lists the real catalogue', async () => {
    const r = await cli(['--list-controls', '--format', 'json'], CONTROLS);
    expect(JSON.parse(r.stdout).map((c: Control) => c.id)).toEqual(CONTROLS.map((c) => c.id));
  });

  it('runs as a real process: npm run audit equivalent, exit 2 and one line for a missing path', () => {
    const p = spawnSync(process.execPath, compiledArgs('policies/cli.ts', 'no/such/plan.json'), {
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr.trim().split('\n')).toEqual([
      'audit: no/such/plan.json: no such file or folder. Give a cdk.tf.json, a plan JSON, a CloudFormation template or a folder of them.',
    ]);
  });
});

describe('audit CLI --unknown', () => {
  it('refuses a value other than block or warn', async () => {
    const r = await cli([INPUTS, '--unknown', 'ignore']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--unknown is "ignore"; allowed: block, warn.');
  });
});
