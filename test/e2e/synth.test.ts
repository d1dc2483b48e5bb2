import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../../config/load';
import { githubSarifProblems } from '../policies/report/github-sarif';
import { exampleRun, runMain, type ExampleRun } from '../support/example-synth';

const work = mkdtempSync(join(tmpdir(), 'tom-synth-'));

/** Runs main.ts the way `npm run synth` does, with its own output folder (not made: a refused config writes nothing). */
const synth = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const run = join(work, `run-${Math.random().toString(36).slice(2)}`);
  return runMain(run, args, env).then((result) => ({ ...result, run }));
};

function regionsIn(doc: any): string[] {
  return Object.values<any>(doc.resource ?? {})
    .flatMap((byName) => Object.values<any>(byName))
    .map((r) => r.region)
    .filter((r) => r !== undefined);
}

describe('npm run synth on the reference deployment', () => {
  // The run's one synth of the example (test/support/example-synth.ts), which other test files audit too.
  let run: ExampleRun;
  beforeAll(async () => {
    run = await exampleRun();
  }, 240_000);

  it('exits 0: synthesized, audited clean, reports written', () => {
    expect(run.stderr).toMatch(/audit: compliant/);
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks')).sort()).toEqual(['edge-prod', 'edge-staging', 'platform-prod', 'platform-staging', 'workloads-prod', 'workloads-staging']);
    expect(readdirSync(run.cdkOut)).toEqual(expect.arrayContaining(['backup-vault-prod.template.json', 'backup-vault-staging.template.json']));
    // The TOM annex is written beside the reports (PDF only when a browser is found).
    const annex = ['tom-annex.de.html', 'tom-annex.de.md', 'tom-annex.en.html', 'tom-annex.en.md', 'tom-internal.md'];
    expect(readdirSync(run.reports).filter((f) => !f.endsWith('.pdf')).sort()).toEqual([
      'compliance.html',
      'compliance.json',
      'compliance.md',
      'compliance.sarif',
      'junit.xml',
      'oscal-assessment-plan.json',
      'oscal-assessment-results.json',
      'soa.csv',
      'soa.md',
      ...annex,
    ].sort());
  });

  it('writes a Statement of Applicability with all 93 Annex A controls and no row without an owner', () => {
    const rows = readFileSync(join(run.reports, 'soa.csv'), 'utf8').trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(93);
    const implementation = (row: string) => /^"[^"]*","[^"]*","[^"]*","[^"]*","([^"]*)"/.exec(row)![1];
    expect(rows.filter((r) => implementation(r) === 'not decided')).toEqual([]);
    const html = readFileSync(join(run.reports, 'compliance.html'), 'utf8');
    const count = (k: string) => Number(new RegExp(`data-testid="soa-${k}">(\\d+)<`).exec(html)![1]);
    // The example company: the kit proves 34 rows, the providers 4, the ISMS declares 52 and excludes 3.
    expect(['verified', 'inherited', 'organisational', 'excluded', 'no-owner', 'not-declared'].map(count)).toEqual([34, 4, 52, 3, 0, 0]);
  });

  it('writes SARIF that GitHub code scanning accepts', () => {
    expect(githubSarifProblems(readFileSync(join(run.reports, 'compliance.sarif'), 'utf8'))).toEqual([]);
  });

  it('prints the TOM annex PDF in both languages (the kit always finds a browser for its tests)', () => {
    expect(run.stderr).toContain('tom annex: de, en (md, html, pdf) and the internal appendix');
    for (const lang of ['de', 'en']) expect(readFileSync(join(run.reports, `tom-annex.${lang}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('puts the vault in eu-central-1', () => {
    const manifest = JSON.parse(readFileSync(join(run.cdkOut, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['backup-vault-prod'].environment).toMatch(/\/eu-central-1$/);
  });

  it('puts every DigitalOcean region in the EU and has every building block', () => {
    for (const name of ['platform-prod', 'platform-staging']) {
      const doc = JSON.parse(readFileSync(join(run.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      const regions = regionsIn(doc);
      expect(regions.length).toBeGreaterThan(0);
      expect(regions.every((r) => ['fra1', 'ams3', 'ams2'].includes(r))).toBe(true);
      for (const type of ['digitalocean_project', 'digitalocean_vpc', 'digitalocean_kubernetes_cluster', 'digitalocean_database_cluster', 'digitalocean_database_firewall', 'digitalocean_spaces_bucket']) {
        expect(Object.keys(doc.resource[type] ?? {}).length).toBeGreaterThan(0);
      }
    }
  });

  it('puts what runs inside each cluster into workloads-<env>, deployed after platform-<env>', () => {
    const manifest = JSON.parse(readFileSync(join(run.outdir, 'manifest.json'), 'utf8'));
    for (const env of ['prod', 'staging']) {
      expect(manifest.stacks[`workloads-${env}`].dependencies).toEqual([`platform-${env}`]);
      const doc = JSON.parse(readFileSync(join(run.outdir, 'stacks', `workloads-${env}`, 'cdk.tf.json'), 'utf8'));
      for (const type of ['helm_release', 'kubernetes_cron_job_v1']) expect(Object.keys(doc.resource[type] ?? {}).length).toBeGreaterThan(0);
    }
  });
});

describe('a config with an error', () => {
  const bad = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
  bad.environments[0].region = 'lon1';
  bad.environments[1].backup.retentionDays = 7;
  const file = join(work, 'bad.yaml');
  writeFileSync(file, stringify(bad));

  it.each([
    ['--config FILE', [`--config`, file], {}],
    ['TOM_CONFIG=FILE', [], { TOM_CONFIG: file }],
  ])('given by %s is refused with exit 2, every problem, no stack trace and nothing written', async (_how, args, env) => {
    const run = await synth(args as string[], env as NodeJS.ProcessEnv);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('environments[0].region: "lon1" must be an EU DigitalOcean region: one of fra1, ams3, ams2');
    expect(run.stderr).toContain('environments[1].backup.retentionDays: 7 must be at least 14 days');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(run.run)).toBe(false);
  });

  it('names a missing file', async () => {
    const run = await synth(['--config', join(work, 'missing.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/missing\.yaml:\n  - file not found/);
    expect(existsSync(run.run)).toBe(false);
  });
});
