/**
 * Findings of the live comparison as an `AuditResult`, so `writeReports`
 * renders them in every format the audit uses. Every drift blocks (the
 * threshold is `low`): evidence answers "is what runs what we declared?", and
 * any difference means no.
 */
import { name as toolName, version as toolVersion } from '../package.json';
import { worstStatus } from '../policies/report/model';
import type { AuditResult, Control, ControlStatus, Finding, FindingStatus, StackInfo } from '../policies/types';

const STATUSES: readonly FindingStatus[] = ['pass', 'fail', 'waived', 'not-applicable', 'inherited'];

function countBy(values: Iterable<FindingStatus>): Record<FindingStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
  for (const v of values) counts[v] += 1;
  return counts;
}

export interface EvidenceResultInput {
  readonly findings: readonly Finding[];
  readonly controls: readonly Control[];
  readonly stacks: readonly StackInfo[];
  /** What was compared: the live API and zone, and the config the declared side was synthesized from. */
  readonly inputs: readonly string[];
  readonly now: Date;
}

export function evidenceResult(input: EvidenceResultInput): AuditResult {
  const { findings, controls } = input;
  const controlStatus: Record<string, ControlStatus> = {};
  for (const c of controls) controlStatus[c.id] = worstStatus(findings.filter((f) => f.controlId === c.id).map((f) => f.status));
  const blocking = findings.filter((f) => f.status === 'fail').length;
  return {
    generatedAt: input.now.toISOString(),
    tool: { name: `${toolName} evidence`, version: toolVersion },
    inputs: input.inputs,
    controls,
    controlStatus,
    findings,
    waiverProblems: [],
    stacks: input.stacks,
    summary: {
      controls: controls.length,
      resources: new Set(findings.map((f) => `${f.stack}/${f.address}`)).size,
      findings: countBy(findings.map((f) => f.status)),
      controlsByStatus: countBy(Object.values(controlStatus)),
      waiverProblems: 0,
      blocking,
      failOn: 'low',
      compliant: blocking === 0,
    },
  };
}
