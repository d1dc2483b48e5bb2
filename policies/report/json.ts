/**
 * compliance.json: the machine-readable report. Every key is written in a
 * fixed order and absent optionals are `null`, so consumers see one shape and
 * the same audit gives the same bytes. It is the one report that names every
 * subject whatever `--detail` says: with `summary` (the default) failures,
 * unknowns and waivers are `findings` in full and every other subject is
 * named under `aggregated` (per control and status: count and subject
 * names); with `full` every finding is in `findings`. To stay small with tens
 * of thousands of findings, each finding or aggregate is one line.
 */
import { MEASURES } from '../../data/measures';
import type { AuditResult } from '../types';
import { buildModel, catalogueEntry, stackEntry, statusOf, subjectName, summaryEntry, waiverEntry, type ReportDetail } from './model';

const FINDINGS_SLOT = '\u0000findings';
const AGGREGATED_SLOT = '\u0000aggregated';

/**
 * `manifest`: SHA-256 of every other report file written with this one, so
 * `npm run audit -- --verify DIR` can tell whether the set was edited.
 */
export function renderJson(result: AuditResult, manifest?: Readonly<Record<string, string>>, detail: ReportDetail = 'summary'): string {
  const model = buildModel(result);
  const listed = detail === 'full' ? model.findings : model.findings.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'waived');
  const report = {
    detail,
    tool: { name: result.tool.name, version: result.tool.version },
    generatedAt: result.generatedAt,
    inputs: [...result.inputs],
    provenance: result.provenance
      ? {
          commit: result.provenance.commit ?? null,
          files: result.provenance.files.map((f) => ({ role: f.role, path: f.path, sha256: f.sha256 })),
          command: [...result.provenance.command],
        }
      : null,
    measures: MEASURES.map((m) => ({
      id: m.id,
      promise: m.promise,
      implementation: m.implementation,
      how: m.how,
      tomCategories: [...m.tomCategories],
      controls: model.controls.filter((c) => c.measures.includes(m.id)).map((c) => c.id),
    })),
    summary: summaryEntry(result.summary),
    controls: model.controls.map((c) => ({
      ...catalogueEntry(c),
      status: statusOf(result, c.id),
      findingCounts: model.countsByControl.get(c.id),
    })),
    findings: FINDINGS_SLOT,
    aggregated: AGGREGATED_SLOT,
    waiverProblems: model.waiverProblems.map((p) => ({
      problem: p.problem,
      message: p.message,
      waiver: waiverEntry(p.waiver),
    })),
    stacks: result.stacks.map(stackEntry),
    ...(manifest ? { manifest: { algorithm: 'sha256', files: Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1))) } } : {}),
  };
  const findings = listed.map((f) =>
    JSON.stringify({
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
    }),
  );
  const aggregated = (detail === 'full' ? [] : model.aggregates).map((a) =>
    JSON.stringify({ controlId: a.controlId, status: a.status, count: a.findings.length, subjects: a.findings.map(subjectName) }),
  );
  let text = JSON.stringify(report, null, 2);
  // Each slot is a top-level key (two-space indent) holding a NUL character: no audited text serialises to it.
  for (const [key, slotValue, lines] of [['findings', FINDINGS_SLOT, findings], ['aggregated', AGGREGATED_SLOT, aggregated]] as const) {
    const slot = `\n  "${key}": ${JSON.stringify(slotValue)}`;
    const at = text.indexOf(slot);
    const list = lines.length === 0 ? '[]' : `[\n    ${lines.join(',\n    ')}\n  ]`;
    text = `${text.slice(0, at)}\n  "${key}": ${list}${text.slice(at + slot.length)}`;
  }
  return `${text}\n`;
}
