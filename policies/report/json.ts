/**
 * compliance.json: the machine-readable report. Every key is written in a
 * fixed order and absent optionals are `null`, so consumers see one shape and
 * the same audit gives the same bytes.
 */
import type { AuditResult } from '../types';
import { buildModel, catalogueEntry, stackEntry, statusOf, summaryEntry, waiverEntry } from './model';

export function renderJson(result: AuditResult): string {
  const model = buildModel(result);
  const report = {
    tool: { name: result.tool.name, version: result.tool.version },
    generatedAt: result.generatedAt,
    inputs: [...result.inputs],
    summary: summaryEntry(result.summary),
    controls: model.controls.map((c) => ({
      ...catalogueEntry(c),
      status: statusOf(result, c.id),
      findingCounts: model.countsByControl.get(c.id),
    })),
    findings: model.findings.map((f) => ({
      controlId: f.controlId,
      address: f.address,
      stack: f.stack,
      resourceType: f.resourceType ?? null,
      source: f.source,
      status: f.status,
      severity: f.severity,
      reason: f.reason,
      path: f.path ?? null,
      ...(f.waiver ? { waiver: waiverEntry(f.waiver) } : {}),
    })),
    waiverProblems: model.waiverProblems.map((p) => ({
      problem: p.problem,
      message: p.message,
      waiver: waiverEntry(p.waiver),
    })),
    stacks: result.stacks.map(stackEntry),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
