/**
 * Findings of the live comparison as an `AuditResult`, so `writeReports`
 * renders them in every format the audit uses. Every drift blocks (the
 * threshold is `low`): evidence answers "is what runs what we declared?", and
 * any difference means no.
 */
import { name as toolName } from '../package.json';
import { buildResult } from '../policies/engine';
import type { AuditResult, Control, Finding, StackInfo } from '../policies/types';

export interface EvidenceResultInput {
  readonly findings: readonly Finding[];
  readonly controls: readonly Control[];
  readonly stacks: readonly StackInfo[];
  /** What was compared: the live API and zone, and the config the declared side was synthesized from. */
  readonly inputs: readonly string[];
  readonly now: Date;
}

export function evidenceResult(input: EvidenceResultInput): AuditResult {
  return buildResult({
    ...input,
    resources: new Set(input.findings.map((f) => `${f.stack}/${f.address}`)).size,
    failOn: 'low',
    toolName: `${toolName} evidence`,
  });
}
