/**
 * The view of an AuditResult every report writer shares: findings in one
 * stable order, per-control counts, catalogue fields without the check
 * function. Writers only format; what a report says is decided here once.
 */
import type {
  AuditResult,
  AuditSummary,
  Control,
  FindingStatus,
  Finding,
  InheritedSource,
  Severity,
  StackInfo,
  Waiver,
  WaiverProblem,
} from '../types';

import CONTROL_TRACE from '../../data/control-trace.json';
import { MEASURE_BY_ID } from '../../data/measures';

export interface ControlTrace {
  /** The check's source file (absent for inherited controls, which have none). */
  readonly check?: string;
  /** The fixture file with its compliant and non-compliant cases. */
  readonly fixture?: string;
  /** The test that runs the fixtures. */
  readonly test?: string;
}

/** A control's trace; a control outside the kit's catalogue (a test's own) has none. */
export const traceOf = (id: string): ControlTrace => (CONTROL_TRACE as Readonly<Record<string, ControlTrace>>)[id] ?? {};

/** The trace in one line: `check policies/checks/…; fails in test/…/fixtures/….ts (run by test/…)`. */
export function describeTrace(id: string): string {
  const t = traceOf(id);
  const parts = [
    t.check ? `check ${t.check}` : 'no check of its own (performed by the provider)',
    ...(t.fixture ? [`compliant and non-compliant fixtures in ${t.fixture}${t.test ? `, run by ${t.test}` : ''}`] : []),
  ];
  return parts.join('; ');
}

/** A measure id with its promise: `M2 (All traffic … is encrypted with TLS (HTTPS).)`. */
export const measureText = (id: string): string => {
  const m = MEASURE_BY_ID.get(id);
  return m ? `${id}: ${m.promise}` : id;
};

/** Report order of statuses: what needs attention first. */
export { STATUSES, worstStatus } from '../status';
import { countStatuses, STATUSES } from '../status';

export const STATUS_LABEL: Readonly<Record<FindingStatus, string>> = {
  fail: 'Fail',
  unknown: 'Unknown',
  waived: 'Waived',
  pass: 'Pass',
  inherited: 'Inherited',
  'not-applicable': 'Not applicable',
};

export type StatusCounts = Record<FindingStatus, number>;

/**
 * Plain code-unit comparison: `localeCompare` depends on the machine's ICU
 * data and locale, which would make golden files differ between machines.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Worst status of a set (fail > waived > pass > inherited > not-applicable), as the engine ranks controls. */

/** A control's status; a control the engine did not rank had nothing to apply to. */
export function statusOf(result: AuditResult, controlId: string): FindingStatus {
  return result.controlStatus[controlId] ?? 'not-applicable';
}

/** Catalogue fields of a control in a fixed key order, without the check function. */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  readonly severity: Control['severity'];
  readonly scope: Control['scope'];
  readonly area: Control['area'];
  readonly iso27001_2022: readonly string[];
  readonly iso27001_2013: readonly string[];
  readonly gdprArt32: readonly string[];
  readonly tomCategory: string;
  readonly measures: readonly string[];
  readonly measure: string;
  readonly equivalents: readonly string[];
  readonly rationale: string;
  readonly remediation: string;
  readonly appliesTo?: readonly string[];
  readonly inherited?: InheritedSource;
  /** Where the check lives and the fixture test that proves it can fail (data/control-trace.json). */
  readonly trace: ControlTrace;
}

export function catalogueEntry(c: Control): CatalogueEntry {
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    scope: c.scope,
    area: c.area,
    iso27001_2022: [...c.iso27001_2022],
    iso27001_2013: [...c.iso27001_2013],
    gdprArt32: [...c.gdprArt32],
    tomCategory: c.tomCategory,
    measures: [...c.measures],
    measure: c.measure,
    equivalents: [...c.equivalents],
    rationale: c.rationale,
    remediation: c.remediation,
    ...(c.scope === 'resource' || c.scope === 'inherited' ? { appliesTo: [...c.appliesTo] } : {}),
    ...(c.scope === 'inherited'
      ? { inherited: { document: c.inherited.document, retrieved: c.inherited.retrieved, statement: c.inherited.statement } }
      : {}),
    trace: traceOf(c.id),
  };
}

export function waiverEntry(w: Waiver): Waiver {
  return { control: w.control, resource: w.resource, reason: w.reason, owner: w.owner, expires: w.expires };
}

export function stackEntry(s: StackInfo): StackInfo {
  return {
    name: s.name,
    source: s.source,
    format: s.format,
    ...(s.region !== undefined ? { region: s.region } : {}),
    ...(s.notAudited && s.notAudited.length > 0 ? { notAudited: [...s.notAudited] } : {}),
  };
}

/** The engine's summary in a fixed key order. */
export function summaryEntry(s: AuditSummary): AuditSummary {
  const byStatus = (r: Readonly<Record<FindingStatus, number>>): StatusCounts => {
    const out = countStatuses([]);
    for (const k of STATUSES) out[k] = r[k] ?? 0;
    return out;
  };
  return {
    compliant: s.compliant,
    failOn: s.failOn,
    unknownMode: s.unknownMode,
    blocking: s.blocking,
    controls: s.controls,
    resources: s.resources,
    controlsByStatus: byStatus(s.controlsByStatus),
    findings: byStatus(s.findings),
    waiverProblems: s.waiverProblems,
  };
}

/**
 * How much of the passing side a report lists. `summary` (the default): every
 * failure, unknown and waiver in full, passes (and inherited, not-applicable)
 * as one count per control, so reports grow with what needs attention and not
 * with the inventory; compliance.json still names every subject. `full`: every
 * finding in every format.
 */
export type ReportDetail = 'summary' | 'full';
export const REPORT_DETAILS: readonly ReportDetail[] = ['summary', 'full'];

/** Statuses a reader must act on or sign off: listed one by one in every format. */
export const ATTENTION_STATUSES: readonly FindingStatus[] = ['fail', 'unknown', 'waived'];
const ATTENTION: ReadonlySet<FindingStatus> = new Set(ATTENTION_STATUSES);
export const needsAttention = (f: Pick<Finding, 'status'>): boolean => ATTENTION.has(f.status);

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The subjects of one control with one status that pass-side reports count instead of listing. */
export interface Aggregate {
  readonly control: Control | undefined;
  readonly controlId: string;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly findings: readonly Finding[];
}

/** Everything a writer needs, derived once per render. */
export interface ReportModel {
  readonly result: AuditResult;
  /** Controls in catalogue order. */
  readonly controls: readonly Control[];
  /** Findings ordered by their control's catalogue position, then stack, address, status. */
  readonly findings: readonly Finding[];
  readonly findingsByControl: ReadonlyMap<string, readonly Finding[]>;
  readonly countsByControl: ReadonlyMap<string, StatusCounts>;
  readonly controlById: ReadonlyMap<string, Control>;
  /** Waiver problems ordered by control, resource, problem. */
  readonly waiverProblems: readonly WaiverProblem[];
  /** Findings of a status, in report order. */
  withStatus(status: FindingStatus): readonly Finding[];
  /** Failures, unknowns and waived findings: severity (critical first), then control, stack, address, status. */
  readonly attention: readonly Finding[];
  /** Every other finding grouped per control and status, in catalogue then status order. */
  readonly aggregates: readonly Aggregate[];
  /** `attention` grouped per control, status, reason, attribute, source, resource type and waiver (see `groupFindings`). */
  readonly attentionGroups: readonly FindingGroup[];
}

/**
 * Findings that differ only in their subject: one control, status, reason,
 * attribute path, source file, resource type and waiver. A generated estate
 * fails the same control for the same reason on thousands of resources; a
 * report that writes the reason once per group and then names every subject
 * loses nothing and stays a fraction of the size.
 */
export interface FindingGroup {
  readonly controlId: string;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly reason: string;
  readonly path?: string;
  readonly source: string;
  readonly resourceType?: string;
  readonly waiver?: Waiver;
  /** The group's findings, in the order given. */
  readonly findings: readonly Finding[];
}

/** Groups in the order of their first finding; findings keep their order within a group. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, { group: FindingGroup; findings: Finding[] }>();
  for (const f of findings) {
    const w = f.waiver;
    const key = [f.controlId, f.status, f.severity, f.reason, f.path ?? '\u0001', f.source, f.resourceType ?? '\u0001', w ? [w.control, w.resource, w.reason, w.owner, w.expires].join('\u0002') : ''].join('\u0000');
    let entry = groups.get(key);
    if (!entry) {
      const list: Finding[] = [];
      entry = {
        findings: list,
        group: {
          controlId: f.controlId,
          status: f.status,
          severity: f.severity,
          reason: f.reason,
          ...(f.path !== undefined ? { path: f.path } : {}),
          source: f.source,
          ...(f.resourceType !== undefined ? { resourceType: f.resourceType } : {}),
          ...(w ? { waiver: w } : {}),
          findings: list,
        },
      };
      groups.set(key, entry);
    }
    entry.findings.push(f);
  }
  return [...groups.values()].map((e) => e.group);
}

/** Every writer of one report set asks for the same result's model: sorting tens of thousands of findings once is enough. */
const MODELS = new WeakMap<AuditResult, ReportModel>();

export function buildModel(result: AuditResult): ReportModel {
  const cached = MODELS.get(result);
  if (cached) return cached;
  const model = deriveModel(result);
  MODELS.set(result, model);
  return model;
}

function deriveModel(result: AuditResult): ReportModel {
  // Findings per control, in catalogue order (controls outside the catalogue after it, by id), then
  // each control's findings by stack, address and status: many small sorts instead of one of every finding.
  const statusRank = new Map(STATUSES.map((s, i) => [s, i] as const));
  const findingsByControl = new Map<string, Finding[]>();
  const countsByControl = new Map<string, StatusCounts>();
  for (const c of result.controls) {
    findingsByControl.set(c.id, []);
    countsByControl.set(c.id, countStatuses([]));
  }
  const outside: string[] = [];
  for (const f of result.findings) {
    let list = findingsByControl.get(f.controlId);
    if (!list) {
      findingsByControl.set(f.controlId, (list = []));
      countsByControl.set(f.controlId, countStatuses([]));
      outside.push(f.controlId);
    }
    list.push(f);
    countsByControl.get(f.controlId)![f.status] += 1;
  }
  if (outside.length > 0) {
    // Re-insert the unknown controls in id order after the catalogue's.
    outside.sort(compareText);
    for (const id of outside) {
      const list = findingsByControl.get(id)!;
      const counts = countsByControl.get(id)!;
      findingsByControl.delete(id);
      countsByControl.delete(id);
      findingsByControl.set(id, list);
      countsByControl.set(id, counts);
    }
  }
  const bySubject = (a: Finding, b: Finding) =>
    compareText(a.stack, b.stack) || compareText(a.address, b.address) || statusRank.get(a.status)! - statusRank.get(b.status)!;
  const findings: Finding[] = [];
  for (const list of findingsByControl.values()) {
    list.sort(bySubject);
    for (const f of list) findings.push(f);
  }
  // `findings` is already in control, stack, address, status order; a stable sort by severity keeps it within a severity.
  const attention = findings.filter(needsAttention).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const controlById = new Map(result.controls.map((c) => [c.id, c] as const));
  const aggregates: Aggregate[] = [];
  for (const [controlId, list] of findingsByControl) {
    // One pass per control, bucketed by status, instead of one filter per status.
    const byStatus = new Map<FindingStatus, Finding[]>();
    for (const f of list) {
      if (ATTENTION.has(f.status)) continue;
      const bucket = byStatus.get(f.status);
      if (bucket) bucket.push(f);
      else byStatus.set(f.status, [f]);
    }
    for (const status of STATUSES) {
      const of = byStatus.get(status);
      if (of) aggregates.push({ control: controlById.get(controlId), controlId, status, severity: of[0].severity, findings: of });
    }
  }
  return {
    result,
    controls: result.controls,
    findings,
    attention,
    attentionGroups: groupFindings(attention),
    aggregates,
    findingsByControl,
    countsByControl,
    controlById,
    waiverProblems: [...result.waiverProblems].sort(
      (a, b) =>
        compareText(a.waiver.control, b.waiver.control) ||
        compareText(a.waiver.resource, b.waiver.resource) ||
        compareText(a.problem, b.problem),
    ),
    withStatus: (status) => findings.filter((f) => f.status === status),
  };
}

/**
 * A subject's name that stays unique across stacks: the reference deployment
 * has the same addresses in staging and prod. Stack-scoped findings whose
 * address is the stack itself keep just the stack name.
 */
export function subjectName(f: Pick<Finding, 'stack' | 'address'>): string {
  return f.address === f.stack ? f.stack : `${f.stack}/${f.address}`;
}

/** The waiver of a waived finding as one sentence. */
export function describeWaiver(w: Waiver): string {
  return `Waived by ${w.owner} until ${w.expires}: ${w.reason}`;
}
