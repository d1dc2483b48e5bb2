/**
 * Which measures may be claimed: every control naming the measure passed (or
 * is inherited with a verified source) and at least one was evaluated.
 */
import type { AuditResult, Control, FindingStatus, Finding } from '../../../policies/types';
import { pass } from '../../../policies/types';
import { buildTomAnnex } from '../../../policies/report/tom-annex/model';
import { exampleConfig } from './support';

const config = exampleConfig();

function control(id: string, measures: string[], scope: 'resource' | 'inherited' = 'resource', statement = 'The provider does it.'): Control {
  const meta = {
    id, title: id, severity: 'high' as const, iso27001_2022: [], iso27001_2013: [], gdprArt32: [], tomCategory: 'Zugangskontrolle' as const,
    measures, measure: id, equivalents: [], rationale: '', remediation: '', area: 'cross' as const,
  };
  return scope === 'inherited'
    ? { ...meta, area: 'digitalocean' as const, scope, appliesTo: ['x'], inherited: { document: 'Provider, Page', retrieved: '2026-11-23', statement } }
    : { ...meta, scope, appliesTo: ['x'], check: () => pass() };
}

function result(controls: Control[], statuses: Record<string, FindingStatus>, stack = 's'): AuditResult {
  const findings: Finding[] = Object.entries(statuses).map(([controlId, status]) => ({
    controlId, severity: 'high', address: `x.${controlId}`, stack, source: 's.json', status, reason: `reason of ${controlId}`,
  }));
  return {
    generatedAt: '2026-11-30T09:00:00.000Z', tool: { name: 't', version: '0' }, inputs: [], controls, controlStatus: statuses, findings,
    waiverProblems: [], stacks: [], summary: {} as AuditResult['summary'],
  };
}

const verdict = (controls: Control[], statuses: Record<string, FindingStatus>, id = 'M5', stack = 's') =>
  buildTomAnnex({ config, result: result(controls, statuses, stack), inventory: { resources: [], stacks: [] } }).verdicts.find((v) => v.measure.id === id)!;

describe('TOM annex verdicts', () => {
  it('claims a measure whose controls all passed', () => {
    expect(verdict([control('A', ['M5']), control('B', ['M5'])], { A: 'pass', B: 'pass' }).claimed).toBe(true);
  });

  it.each<FindingStatus>(['fail', 'unknown', 'waived'])('withholds a measure with one %s control and names it', (status) => {
    const v = verdict([control('A', ['M5']), control('B', ['M5'])], { A: 'pass', B: status });
    expect(v.claimed).toBe(false);
    expect(v.reason).toBe(`B ${status}`);
    expect(v.controls.find((c) => c.id === 'B')!.blocking.map((f) => f.reason)).toEqual(['reason of B']);
  });

  it('ignores not-applicable controls, but claims nothing when every control was not applicable', () => {
    expect(verdict([control('A', ['M5']), control('B', ['M5'])], { A: 'pass', B: 'not-applicable' }).claimed).toBe(true);
    const none = verdict([control('A', ['M5'])], { A: 'not-applicable' });
    expect(none.claimed).toBe(false);
    expect(none.reason).toMatch(/not applicable/);
  });

  it('claims nothing for a measure no audited control evidences', () => {
    expect(verdict([control('A', ['M4'])], { A: 'pass' }).reason).toBe('no audited control evidences this measure');
  });

  it('treats a control missing from the status table as unknown', () => {
    expect(verdict([control('A', ['M5'])], {}).claimed).toBe(false);
  });

  it('words a measure proved only by inherited controls as performed by the provider, with its source', () => {
    const v = verdict([control('P', ['M20'], 'inherited')], { P: 'inherited' }, 'M20');
    expect(v).toMatchObject({ claimed: true, inheritedOnly: true });
    expect(v.sources).toEqual([expect.objectContaining({ controlId: 'P', document: 'Provider, Page', retrieved: '2026-11-23' })]);
  });

  it('does not count an inherited control whose provider source is unverified', () => {
    const v = verdict([control('P', ['M20'], 'inherited', 'UNVERIFIED: the page does not say so.')], { P: 'inherited' }, 'M20');
    expect(v.claimed).toBe(false);
    expect(v.reason).toBe('P provider source unverified');
  });

  it('never lists the organisational measure M22 as technical; organisational measures come from the config', () => {
    const model = buildTomAnnex({ config, result: result([], {}), inventory: { resources: [], stacks: [] } });
    expect(model.verdicts.map((v) => v.measure.id)).not.toContain('M22');
    expect(model.organisational.map((o) => o.id)).toContain('ORG-TRAINING');
  });

  it('claims nothing about production from controls that passed only in staging', () => {
    const v = verdict([control('A', ['M5'])], { A: 'pass' }, 'M5', 'edge-staging');
    expect(v.claimed).toBe(false);
    expect(v.reason).toBe('no control passed on a resource of the described environment(s) prod');
    expect(verdict([control('A', ['M5'])], { A: 'pass' }, 'M5', 'edge-prod').claimed).toBe(true);
  });

  it('withholds a production claim when the control fails in staging', () => {
    expect(verdict([control('A', ['M5'])], { A: 'fail' }, 'M5', 'edge-staging').reason).toBe('A fail');
  });
});
