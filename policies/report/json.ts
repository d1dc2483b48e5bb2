/**
 * compliance.json: the machine-readable report. Every key is written in a
 * fixed order and absent optionals are `null`, so consumers see one shape and
 * the same audit gives the same bytes. It is the one report that names every
 * subject whatever `--detail` says.
 *
 * With `summary` (the default) the report grows with failures, not with the
 * inventory: `findings` holds the failures, unknowns and waivers one group
 * per control, status, reason, attribute path, source file, resource type and
 * waiver, each naming all its subjects (`stack/address`) with the reason
 * written once; every other subject is counted under `aggregated` (per control
 * and status), which names its subjects as positions in `subjects`, the
 * list of those subject names, each written once. With `full` every finding
 * is one entry of `findings` with all its fields, `aggregated` and `subjects`
 * empty. One entry per line keeps tens of thousands of them small and diffable.
 */
import { MEASURES } from '../../data/measures';
import type { AuditResult } from '../types';
import { listSlot, withListsOnePerLine } from './json-text';
import { buildModel, catalogueEntry, compareText, stackEntry, statusOf, subjectName, summaryEntry, waiverEntry, type ReportDetail } from './model';


/**
 * `manifest`: SHA-256 of every other report file written with this one, so
 * `npm run audit -- --verify DIR` can tell whether the set was edited.
 */
export function renderJson(result: AuditResult, manifest?: Readonly<Record<string, string>>, detail: ReportDetail = 'summary'): string {
  const model = buildModel(result);
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
    findings: listSlot('findings'),
    aggregated: listSlot('aggregated'),
    subjects: listSlot('subjects'),
    waiverProblems: model.waiverProblems.map((p) => ({
      problem: p.problem,
      message: p.message,
      waiver: waiverEntry(p.waiver),
    })),
    stacks: result.stacks.map(stackEntry),
    ...(manifest ? { manifest: { algorithm: 'sha256', files: Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1))) } } : {}),
  };
  const findings =
    detail === 'full'
      ? model.findings.map((f) =>
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
        )
      : model.attentionGroups.map((g) =>
          JSON.stringify({
            controlId: g.controlId,
            status: g.status,
            severity: g.severity,
            reason: g.reason,
            path: g.path ?? null,
            source: g.source,
            resourceType: g.resourceType ?? null,
            ...(g.waiver ? { waiver: waiverEntry(g.waiver) } : {}),
            count: g.findings.length,
            subjects: g.findings.map(subjectName),
          }),
        );
  const aggregates = detail === 'full' ? [] : model.aggregates;
  // Passing subjects recur under several controls: each name is written once, aggregates point at it.
  // Looked up by stack, then address: those strings come from the input, hashed once, unlike a joined name.
  const byStack = new Map<string, Map<string, number>>();
  const unique: { stack: string; address: string; name: string }[] = [];
  for (const a of aggregates) {
    for (const f of a.findings) {
      let addresses = byStack.get(f.stack);
      if (!addresses) byStack.set(f.stack, (addresses = new Map()));
      if (!addresses.has(f.address)) {
        addresses.set(f.address, -1);
        unique.push({ stack: f.stack, address: f.address, name: subjectName(f) });
      }
    }
  }
  unique.sort((x, y) => compareText(x.name, y.name));
  unique.forEach((u, i) => byStack.get(u.stack)!.set(u.address, i));
  const aggregated = aggregates.map((a) =>
    JSON.stringify({ controlId: a.controlId, status: a.status, count: a.findings.length, subjects: a.findings.map((f) => byStack.get(f.stack)!.get(f.address)) }),
  );
  const subjects = unique.map((u) => JSON.stringify(u.name));
  return `${withListsOnePerLine(report, { findings, aggregated, subjects })}\n`;
}
