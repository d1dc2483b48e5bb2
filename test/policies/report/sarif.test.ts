/**
 * compliance.sarif as GitHub code scanning takes it: every SARIF produced here
 * passes both the OASIS schema and GitHub's upload rules (github-sarif.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { audit } from '../../../policies/engine';
import { renderSarif, type SarifOptions } from '../../../policies/report/sarif';
import type { AuditResult, Finding } from '../../../policies/types';
import { loadWaivers } from '../../../policies/waivers';
import { AUDIT_RESULT } from '../../fixtures/reports/audit-result';
import { inventory, res } from '../engine/build';
import { DB_FIREWALL, EU_REGION, STATE_ENCRYPTED } from '../engine/fake-controls';
import { sarifValidator } from '../../support/json-schema';
import { githubSarifProblems } from './github-sarif';

const validate = sarifValidator();

/** Renders, and checks the OASIS schema and GitHub's rules on the way. */
function sarif(result: AuditResult, options?: SarifOptions): Log {
  const text = renderSarif(result, options);
  const log = JSON.parse(text) as Log;
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  expect(githubSarifProblems(text)).toEqual([]);
  return log;
}

const results = (log: Log) => log.runs[0]!.results!;
/** A result's severity is its rule's: results do not repeat it. */
const severities = (log: Log) => {
  const rules = log.runs[0]!.tool.driver.rules!;
  return results(log).map((r) => rules.find((rule) => rule.id === r.ruleId)!.properties!.severity as string);
};

describe('GitHub upload rules', () => {
  it('hold for the report fixture', () => {
    sarif(AUDIT_RESULT);
  });

  it('are checked for real: a result GitHub would reject is named', () => {
    const log = JSON.parse(renderSarif(AUDIT_RESULT)) as Log;
    const r = results(log);
    r[0]!.locations = [{ physicalLocation: { artifactLocation: { uri: '/abs/cdk.tf.json' }, region: { startLine: 0 } } }];
    r[1]!.locations = [{ logicalLocations: [{ name: 'x' }] }];
    r[2]!.locations![0]!.physicalLocation!.artifactLocation!.uri = '../outside.json';
    r[3]!.locations![0]!.physicalLocation!.artifactLocation!.uri = 'file:///etc/passwd';
    delete r[4]!.partialFingerprints;
    log.runs[0]!.tool.driver.rules![0]!.helpUri = 'docs/controls/TOM-RES-01.md';
    delete log.runs[0]!.automationDetails;
    const problems = githubSarifProblems(JSON.stringify(log));
    expect(problems).toEqual([
      'rule TOM-RES-01: helpUri "docs/controls/TOM-RES-01.md" is not absolute',
      'run 0: no automationDetails.id',
      'run 0 result 0 (TOM-TLS-01): artifactLocation.uri "/abs/cdk.tf.json" is absolute',
      'run 0 result 0 (TOM-TLS-01): region.startLine 0',
      'run 0 result 1 (TOM-NET-01): a location without physicalLocation',
      'run 0 result 2 (TOM-NET-01): artifactLocation.uri "../outside.json" leaves the repository (..)',
      'run 0 result 3 (TOM-UPT-01): artifactLocation.uri "file:///etc/passwd" has a scheme',
      'run 0 result 4 (waiver-problem): no partialFingerprints',
    ]);
  });
});

describe('locations', () => {
  it('point a waiver problem at the waiver’s line in the waivers file', () => {
    const problem = results(sarif(AUDIT_RESULT)).find((r) => r.ruleId === 'waiver-problem')!;
    expect(problem.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'policies/waivers.yaml' }, region: { startLine: 21 } });
    expect(problem.message.text).toContain('TOM-RES-01 staging-platform:digitalocean_spaces_bucket.scratch');
  });

  it('point a waiver loaded from a file at its line, relative to the repository root, from a real audit', () => {
    const root = mkdtempSync(join(tmpdir(), 'sarif-root-'));
    try {
      const file = join(root, 'config', 'my waivers.yaml');
      require('node:fs').mkdirSync(join(root, 'config'));
      const entry = (resource: string, expires: string) =>
        `- control: FAKE-REG-01\n  resource: ${resource}\n  reason: The replacement region is being provisioned this quarter.\n  owner: ops\n  expires: "${expires}"\n`;
      writeFileSync(file, `# waivers\n${entry('digitalocean_vpc.a', '2026-06-01')}${entry('digitalocean_vpc.gone', '2026-06-01')}`);
      const result = audit({
        inventory: inventory(res('digitalocean_vpc', 'a', { region: 'nyc3' })),
        controls: [EU_REGION],
        waivers: loadWaivers(file),
        now: new Date('2026-01-01T00:00:00Z'),
      });
      const log = sarif(result, { root });
      const unused = results(log).find((r) => r.ruleId === 'waiver-problem')!;
      expect(unused.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'config/my%20waivers.yaml' }, region: { startLine: 7 } });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keep a source outside the repository relative (its file name) and say where it really was', () => {
    const outside: Finding = { ...AUDIT_RESULT.findings.find((f) => f.status === 'fail')!, source: '/elsewhere/plan.json' };
    const result: AuditResult = { ...AUDIT_RESULT, findings: [outside] };
    const log = sarif(result, { root: '/repo' });
    const loc = results(log)[0]!.locations![0]!;
    expect(loc.physicalLocation!.artifactLocation!.uri).toBe('plan.json');
    // Said once per file, not on each of its results.
    expect(log.runs[0]!.artifacts).toEqual([{ location: { uri: 'plan.json' }, properties: { outsideRepository: '/elsewhere/plan.json' } }]);
    const inside = results(sarif({ ...AUDIT_RESULT, findings: [{ ...outside, source: '/repo/sub\\dir/cdk.tf.json' }] }, { root: '/repo' }))[0]!;
    expect(inside.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('sub/dir/cdk.tf.json');
    const dotted = results(sarif({ ...AUDIT_RESULT, findings: [{ ...outside, source: '..plan.json' }] }, { root: '/repo' }))[0]!;
    expect(dotted.locations![0]).toEqual({ physicalLocation: { artifactLocation: { uri: '..plan.json' } } });
  });
});

describe('rules and run metadata', () => {
  it('link each rule to its page only when an absolute base URL is given', () => {
    expect(sarif(AUDIT_RESULT).runs[0]!.tool.driver.rules!.some((r) => 'helpUri' in r)).toBe(false);
    const rules = sarif(AUDIT_RESULT, { helpBase: 'https://example.org/kit/blob/main/docs/controls' }).runs[0]!.tool.driver.rules!;
    expect(rules[0]!.helpUri).toBe('https://example.org/kit/blob/main/docs/controls/TOM-RES-01.md');
    expect(() => renderSarif(AUDIT_RESULT, { helpBase: 'docs/controls/' })).toThrow(/not an absolute URL/);
    expect(() => renderSarif(AUDIT_RESULT, { helpBase: 'javascript:alert(1)' })).toThrow(/not an http/);
  });

  it('name the analysis in automationDetails, stable across runs of the same inputs', () => {
    expect(sarif(AUDIT_RESULT).runs[0]!.automationDetails).toEqual({ id: 'tom-audit/cdktf.out/' });
    expect(sarif(AUDIT_RESULT, { category: 'tom-audit/prod' }).runs[0]!.automationDetails).toEqual({ id: 'tom-audit/prod/' });
    expect(sarif({ ...AUDIT_RESULT, inputs: ['/repo/out/cdktf.out', 'cdk.out', '/elsewhere/plan.json'] }, { root: '/repo' }).runs[0]!.automationDetails!.id).toBe('tom-audit/out-cdktf.out+cdk.out+plan.json/');
  });
});

describe('capping at GitHub’s limits', () => {
  /** 40 failing VPCs (critical), 40 failing backends (low), 40 unfirewalled clusters (high). */
  const big = audit({
    inventory: inventory(
      ...Array.from({ length: 40 }, (_, i) => res('digitalocean_vpc', `v${i}`, { region: 'nyc3' })),
      ...Array.from({ length: 40 }, (_, i) => res('terraform_backend', `b${i}`, {})),
      ...Array.from({ length: 40 }, (_, i) => res('digitalocean_database_cluster', `d${i}`, { region: 'fra1' })),
    ),
    controls: [STATE_ENCRYPTED, DB_FIREWALL, EU_REGION],
    now: new Date('2026-01-01T00:00:00Z'),
  });

  it('keeps everything and adds no note within the limits', () => {
    const log = sarif(big);
    expect(results(log)).toHaveLength(120);
    expect(log.runs[0]!.properties!.capped).toBeUndefined();
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications).toBeUndefined();
  });

  it('keeps the most severe failures first when there are more results than allowed, and says so', () => {
    const log = sarif(big, { limits: { resultsPerRun: 50 } });
    const kept = severities(log);
    expect(kept.filter((s) => s === 'critical')).toHaveLength(40);
    expect(kept.filter((s) => s === 'high')).toHaveLength(10);
    expect(kept.filter((s) => s === 'low')).toHaveLength(0);
    expect(log.runs[0]!.properties!.capped).toMatchObject({ included: 50, total: 120 });
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(/Only 50 of 120 results/);
  });

  it('stops at the 5,000 results per run GitHub stores (of the 25,000 it accepts) for an estate with more failures', () => {
    const base = AUDIT_RESULT.findings.find((f) => f.status === 'fail' && f.severity === 'high')!;
    const findings: Finding[] = Array.from({ length: 5_010 }, (_, i) => ({ ...base, address: `digitalocean_loadbalancer.lb${i}`, severity: i < 10 ? 'low' : 'high' }));
    const log = sarif({ ...AUDIT_RESULT, findings, waiverProblems: [] });
    expect(results(log)).toHaveLength(5_000);
    expect(log.runs[0]!.properties!.capped).toMatchObject({ included: 5_000, total: 5_010 });
    expect(results(log).some((r) => r.level === 'warning')).toBe(false);
  });

  it('drops the least severe results until the gzip-compressed file fits', () => {
    const full = renderSarif(big).length;
    const log = sarif(big, { limits: { gzipBytes: 3_000 } });
    const kept = severities(log);
    expect(kept.length).toBeLessThan(80);
    // The most severe first: every critical one before any high, and no low one.
    expect(kept.filter((s) => s === 'critical')).toHaveLength(Math.min(40, kept.length));
    expect(kept).not.toContain('low');
    expect(require('node:zlib').gzipSync(renderSarif(big, { limits: { gzipBytes: 3_000 } })).length).toBeLessThanOrEqual(3_000);
    expect(full).toBeGreaterThan(3_000);
  });
});
