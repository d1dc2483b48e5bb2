/**
 * Issue 10's promises to an auditor: every report says the same thing, every
 * control can be followed to its check and the test that proves it can fail,
 * a report names the files it was made from, and an edited report set is found.
 */
import { parse as parseXml } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROLS } from '../../../policies/catalog';
import { runCli } from '../../../policies/cli';
import { renderHtml, renderJson, renderJunit, renderMarkdown, renderOscal, renderSarif, writeReports } from '../../../policies/report';
import { verifyReports } from '../../../policies/report/verify';
import { computeTrace } from '../../../scripts/control-trace';
import CONTROL_TRACE from '../../../data/control-trace.json';
import { AUDIT_RESULT } from '../../fixtures/reports/audit-result';
import { captureIo } from '../../support/cli-io';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('one truth in every format', () => {
  const json = JSON.parse(renderJson(AUDIT_RESULT));
  const statusOf = new Map<string, string>(json.controls.map((c: { id: string; status: string }) => [c.id, c.status]));
  const ids = (status: string) => [...statusOf].filter(([, s]) => s === status).map(([id]) => id).sort();

  it('JSON, Markdown and HTML give every control the same status', () => {
    const md = renderMarkdown(AUDIT_RESULT);
    const html = renderHtml(AUDIT_RESULT);
    const label: Record<string, string> = { pass: 'Pass', fail: 'Fail', unknown: 'Unknown', waived: 'Waived', inherited: 'Inherited', 'not-applicable': 'Not applicable' };
    for (const [id, status] of statusOf) {
      expect(md).toContain(`**Status:** ${label[status]}`);
      expect(html).toMatch(new RegExp(`id="h-control-${id}">${id} [^<]*<span class="status s-${status}">`));
    }
  });

  it('SARIF results are exactly the failing, unknown and waived findings; JUnit failures the failing and unknown ones', () => {
    // compliance.json lists them one group per reason, each naming its subjects.
    const findings = (json.findings as { status: string; subjects: string[] }[]).flatMap((g) => g.subjects.map(() => ({ status: g.status })));
    const sarif = JSON.parse(renderSarif(AUDIT_RESULT));
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId !== 'waiver-problem');
    // A SARIF result without a status is a failure.
    expect(results.map((r: { properties?: { status: string } }) => r.properties?.status ?? 'fail').sort()).toEqual(
      findings.filter((f) => ['fail', 'unknown', 'waived'].includes(f.status)).map((f) => f.status).sort(),
    );
    const junit = parseXml(renderJunit(AUDIT_RESULT), { ignoreAttributes: false, attributeNamePrefix: '' });
    // Failing or unknown findings exist, so the JUnit report has failures; none are invented from passes.
    expect(Number(junit.testsuites.failures)).toBeGreaterThan(0);
    expect(Number(junit.testsuites.failures)).toBeLessThanOrEqual(findings.filter((f) => f.status === 'fail' || f.status === 'unknown').length + AUDIT_RESULT.waiverProblems.length);
  });

  it('OSCAL claims satisfied exactly for the controls JSON calls pass, and not-satisfied for fail, unknown and waived', () => {
    const result = JSON.parse(renderOscal(AUDIT_RESULT))['assessment-results'].results[0];
    const state = (s: string) =>
      result.findings.filter((f: { target: { status: { state: string } } }) => f.target.status.state === s).map((f: { target: { 'target-id': string } }) => f.target['target-id']).sort();
    expect(state('satisfied')).toEqual(ids('pass'));
    expect(state('not-satisfied')).toEqual([...ids('fail'), ...ids('unknown'), ...ids('waived')].sort());
  });
});

describe('traceability: every control leads to its check and to the test that proves it fails', () => {
  it('data/control-trace.json is up to date with the code (npm run gen:trace)', () => {
    expect(CONTROL_TRACE).toEqual(computeTrace(CONTROLS.map((c) => c.id)));
  });

  it('names an existing check file for every control with a check, and an existing fixture file for every control', () => {
    const trace = CONTROL_TRACE as Record<string, { check?: string; fixture?: string; test: string }>;
    for (const c of CONTROLS) {
      const t = trace[c.id];
      expect(t).toBeDefined();
      if (c.scope !== 'inherited') expect(t.check && existsSync(t.check)).toBeTruthy();
      expect(t.fixture && existsSync(t.fixture)).toBeTruthy();
      expect(readFileSync(t.fixture!, 'utf8')).toContain(`'${c.id}':`);
      expect(existsSync(t.test)).toBe(true);
    }
  });

  it('is in the JSON report of each control', () => {
    const json = JSON.parse(renderJson({ ...AUDIT_RESULT, controls: CONTROLS.slice(0, 3) }));
    expect(json.controls[0].trace).toEqual((CONTROL_TRACE as Record<string, unknown>)[CONTROLS[0].id]);
  });
});

describe('a report set an auditor can verify', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'verify-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const io = captureIo;

  it('verifies an untouched set, and names a changed and a missing file (exit 1)', async () => {
    const out = join(dir, 'set');
    await writeReports(AUDIT_RESULT, out);
    expect(verifyReports(out)).toMatchObject({ ok: true, reportSha256: sha(readFileSync(join(out, 'compliance.json'))) });
    const ok = io();
    expect(await runCli(['--verify', out], ok.cli)).toBe(0);
    expect(ok.out.at(-1)).toMatch(/^VERIFIED/);

    writeFileSync(join(out, 'soa.csv'), readFileSync(join(out, 'soa.csv'), 'utf8').replace('not declared', 'declared'));
    rmSync(join(out, 'junit.xml'));
    const bad = io();
    expect(await runCli(['--verify', out], bad.cli)).toBe(1);
    expect(bad.out).toEqual(expect.arrayContaining(['CHANGED  soa.csv', 'MISSING  junit.xml', 'NOT VERIFIED: report files changed or missing']));
  });

  it('refuses a folder without a manifest or without reports (exit 2, one line)', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const r = io();
    expect(await runCli(['--verify', empty], r.cli)).toBe(2);
    expect(r.err.join('\n')).toMatch(/compliance\.json: cannot be read/);
    writeFileSync(join(empty, 'compliance.json'), '{"tool":{}}');
    const r2 = io();
    expect(await runCli(['--verify', empty], r2.cli)).toBe(2);
    expect(r2.err.join('\n')).toMatch(/has no sha256 manifest/);
    writeFileSync(join(empty, 'compliance.json'), JSON.stringify({ manifest: { algorithm: 'sha256', files: { '../../etc/passwd': 'a'.repeat(64) } } }));
    const r3 = io();
    expect(await runCli(['--verify', empty], r3.cli)).toBe(2);
  });

  it('names every file it audited with its SHA-256, the waivers and the config, relative to the report folder', async () => {
    const out = join(dir, 'audit-out');
    const r = io();
    expect(await runCli(['test/fixtures/inputs', '--out', out, '--config', 'config/example.yaml'], r.cli)).not.toBe(2);
    const json = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'));
    const files = json.provenance.files as { role: string; path: string; sha256: string }[];
    expect(files.filter((f) => f.role === 'input').length).toBeGreaterThan(0);
    expect(files.find((f) => f.role === 'config')).toMatchObject({ sha256: sha(readFileSync('config/example.yaml')) });
    for (const f of files) {
      expect(f.path.startsWith('/')).toBe(false);
      expect(sha(readFileSync(join(out, f.path)))).toBe(f.sha256);
    }
    expect(json.provenance.commit === null || /^[0-9a-f]{40}$/.test(json.provenance.commit.sha)).toBe(true);
    expect(json.measures).toHaveLength(22);
  });
});
