/**
 * Issue 11: reports grow with failures, not with resources. By default every
 * failure, unknown and waiver is listed in full, most severe first; passing,
 * inherited and not-applicable subjects are counted per control and named
 * only in compliance.json. `--detail full` lists every subject everywhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DETAILS, runCli } from '../../../policies/cli';
import { REPORT_DETAILS, renderHtml, renderJson, renderMarkdown, renderOscal } from '../../../policies/report';
import { buildModel } from '../../../policies/report/model';
import { AUDIT_RESULT, FINDINGS } from '../../fixtures/reports/audit-result';
import { captureIo } from '../../support/cli-io';

const passAddresses = FINDINGS.filter((f) => f.status === 'pass').map((f) => f.address);
const SEVERITY = ['critical', 'high', 'medium', 'low'];

describe('the report model', () => {
  it('orders failures, unknowns and waivers by severity, then control, and aggregates everything else per control and status', () => {
    const model = buildModel(AUDIT_RESULT);
    expect(model.attention.map((f) => f.status).sort()).toEqual(FINDINGS.filter((f) => ['fail', 'unknown', 'waived'].includes(f.status)).map((f) => f.status).sort());
    const ranks = model.attention.map((f) => SEVERITY.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const aggregated = model.aggregates.reduce((n, a) => n + a.findings.length, 0);
    expect(aggregated + model.attention.length).toBe(FINDINGS.length);
    for (const a of model.aggregates) expect(new Set(a.findings.map((f) => `${f.controlId}/${f.status}`))).toEqual(new Set([`${a.controlId}/${a.status}`]));
  });
});

describe('summary detail (the default)', () => {
  it('Markdown lists failures and unknowns with remediation and counts the passes, naming no passing subject', () => {
    const md = renderMarkdown(AUDIT_RESULT);
    expect(md).toContain('**Failing (1):**');
    expect(md).toContain('**Unknown until apply (1):**');
    expect(md).toContain('**Subjects:** 3 pass.');
    for (const f of FINDINGS.filter((x) => x.status === 'pass' && !FINDINGS.some((y) => y !== x && y.address === x.address && y.status !== 'pass'))) {
      expect(md).not.toContain(`\`${f.address}\``);
    }
  });

  it('HTML carries only failures, unknowns and waivers in its data island and counts passes per control', () => {
    const html = renderHtml(AUDIT_RESULT);
    const rows = JSON.parse(html.match(/id="findings-data">([^]*?)<\/script>/)![1]).rows as string[][];
    expect(rows.every((r) => ['fail', 'unknown', 'waived'].includes(r[0]))).toBe(true);
    expect(html).toContain('<section id="passed"');
    expect(html.indexOf('<section id="findings"')).toBeLessThan(html.indexOf('<section id="residual-risks"'));
  });

  it('HTML says so when nothing needs attention, and opens the details only of controls that need it', () => {
    const compliant = { ...AUDIT_RESULT, findings: FINDINGS.filter((f) => f.status === 'pass'), waiverProblems: [] };
    expect(renderHtml(compliant)).toContain('<p data-testid="no-findings">No findings that need attention.</p>');
    const html = renderHtml(AUDIT_RESULT);
    expect(html).not.toContain('data-testid="no-findings"');
    const details = (id: string) => html.slice(html.indexOf(`id="control-${id}"`)).match(/<details( open)?>/)![0];
    expect(details('TOM-TLS-01')).toBe('<details open>');
    expect(details('TOM-RES-01')).toBe('<details>');
  });

  it('compliance.json still names every subject: failures in full under their reason, the rest per control and status, one line each', () => {
    const text = renderJson(AUDIT_RESULT);
    const json = JSON.parse(text);
    const failing = (json.findings as { subjects: string[] }[]).flatMap((g) => g.subjects);
    const named = (json.aggregated as { subjects: number[] }[]).flatMap((a) => a.subjects.map((i) => json.subjects[i] as string));
    expect(failing.length + named.length).toBe(FINDINGS.length);
    for (const a of passAddresses) expect(named.some((n) => n.endsWith(`/${a}`))).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('    {"controlId":'))).toHaveLength(json.findings.length + json.aggregated.length);
  });

  it('compliance.json writes a reason shared by many failures once, naming every subject', () => {
    const base = FINDINGS.find((f) => f.status === 'fail')!;
    const many = Array.from({ length: 50 }, (_, i) => ({ ...base, address: `digitalocean_loadbalancer.lb${i}` }));
    const json = JSON.parse(renderJson({ ...AUDIT_RESULT, findings: many }));
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({ controlId: base.controlId, status: 'fail', reason: base.reason, path: base.path, source: base.source, count: 50 });
    expect(json.findings[0].subjects).toEqual(many.map((f) => `${f.stack}/${f.address}`).sort());
  });

  it('OSCAL has one observation per control and status, listing failing, unknown and waived subjects once each and counting the rest', () => {
    const result = JSON.parse(renderOscal(AUDIT_RESULT))['assessment-results'].results[0];
    type Obs = { props: { name: string; value: string }[]; subjects?: { 'subject-uuid': string; remarks?: string }[]; remarks?: string };
    const prop = (o: Obs, name: string) => o.props.find((p) => p.name === name)?.value;
    const tested = (result.observations as Obs[]).filter((o) => prop(o, 'subject-count') !== undefined);
    const keys = tested.map((o) => `${prop(o, 'control-id')}/${prop(o, 'status')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(FINDINGS.filter((f) => f.status !== 'inherited').map((f) => `${f.controlId}/${f.status}`)));
    for (const o of tested) {
      const attention = ['fail', 'unknown', 'waived'].includes(prop(o, 'status')!);
      expect(o.subjects !== undefined).toBe(attention);
      if (o.subjects) expect(new Set(o.subjects.map((s) => s['subject-uuid'])).size).toBe(o.subjects.length);
      if (o.subjects) expect(o.subjects).toHaveLength(Number(prop(o, 'subject-count')));
      // The reason most subjects share is said once; every listed subject has a reason.
      if (attention) expect(o.remarks).toMatch(/^Reason, for every subject without remarks of its own: /);
    }
    expect(tested.reduce((n, o) => n + Number(prop(o, 'subject-count')), 0)).toBe(FINDINGS.filter((f) => f.status !== 'inherited').length);
    const items = result['local-definitions']['inventory-items'] as { uuid: string }[];
    const listed = new Set(tested.flatMap((o) => (o.subjects ?? []).map((s) => s['subject-uuid'])));
    expect(new Set(items.map((i) => i.uuid))).toEqual(listed);
  });
});

describe('full detail', () => {
  it('Markdown and HTML list every finding', () => {
    const md = renderMarkdown(AUDIT_RESULT, 'full');
    for (const a of passAddresses) expect(md).toContain(`\`${a}\``);
    const html = renderHtml(AUDIT_RESULT, 'full');
    expect(JSON.parse(html.match(/id="findings-data">([^]*?)<\/script>/)![1]).rows).toHaveLength(FINDINGS.length);
  });
});

describe('--detail', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'detail-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = captureIo;

  it('accepts exactly the writers’ detail levels', () => {
    expect(DETAILS).toEqual(REPORT_DETAILS);
  });

  it('writes passing subjects into compliance.md only with --detail full', async () => {
    const summary = join(dir, 'summary');
    const full = join(dir, 'full');
    expect(await runCli(['test/fixtures/inputs', '--out', summary, '--quiet'], io().cli)).not.toBe(2);
    expect(await runCli(['test/fixtures/inputs', '--out', full, '--detail', 'full', '--quiet'], io().cli)).not.toBe(2);
    const read = (d: string, f: string) => readFileSync(join(d, f), 'utf8');
    expect(read(summary, 'compliance.md')).not.toMatch(/^\| Pass \|/m);
    expect(read(full, 'compliance.md')).toMatch(/^\| Pass \|/m);
    const summaryJson = JSON.parse(read(summary, 'compliance.json'));
    const fullJson = JSON.parse(read(full, 'compliance.json'));
    expect(fullJson.detail).toBe('full');
    expect(fullJson.aggregated).toEqual([]);
    const count = (list: { count: number }[]) => list.reduce((n, a) => n + a.count, 0);
    expect(count(summaryJson.findings) + count(summaryJson.aggregated)).toBe(fullJson.findings.length);
    expect(fullJson.subjects).toEqual([]);
  });

  it('refuses an unknown level with one line naming the allowed ones (exit 2)', async () => {
    const r = io();
    expect(await runCli(['test/fixtures/inputs', '--detail', 'everything'], r.cli)).toBe(2);
    expect(r.err[0].split('\n')[0]).toBe('audit: --detail is "everything"; allowed: summary, full.');
  });
});
