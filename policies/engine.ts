/**
 * The audit: every control against the resources it applies to, then waivers,
 * then a summary. Pure: it sees only the inventory, the controls, the waivers
 * and the clock it is given; it reads and writes nothing.
 */
import { name as toolName, version as toolVersion } from '../package.json';
import { buildIndex } from './inventory-index';
import type {
  AuditResult,
  CheckResult,
  Control,
  FindingStatus,
  Finding,
  Inventory,
  InventoryIndex,
  InventoryResource,
  IsmsCheckResult,
  IsmsDeclarations,
  Severity,
  StackInfo,
  UnknownMode,
  Waiver,
  WaiverProblem,
} from './types';
import { SEVERITIES } from './types';
import { countStatuses, worstStatus } from './status';
import { terminalSafe } from '../backup/terminal-text';
import { applyTemplateSuppressions } from './template-waivers';
import { settleUnresolved } from './unresolved';
import { applyWaivers } from './waivers';

export interface AuditOptions {
  readonly inventory: Inventory;
  readonly controls: readonly Control[];
  readonly waivers?: readonly Waiver[];
  /** Lowest severity whose failures block. Default `high` (critical and high block). */
  readonly failOn?: Severity;
  /** Whether `unknown` findings block like failures. Default `block` (fail closed). */
  readonly unknownMode?: UnknownMode;
  /** Clock for waiver expiry and `generatedAt`. Default: the current time. */
  readonly now?: Date;
  /** Longest a waiver may run from `now`, in days. Default one year (`DEFAULT_MAX_WAIVER_DAYS`). */
  readonly maxWaiverDays?: number;
  /** Paths the inventory was read from, for the report. */
  readonly inputs?: readonly string[];
  /** The ISMS declarations (config `isms`), for the Statement of Applicability. */
  readonly isms?: IsmsDeclarations;
}

export const DEFAULT_FAIL_ON: Severity = 'high';

/** True when `severity` is `threshold` or worse. */
export const atLeast = (severity: Severity, threshold: Severity): boolean =>
  SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);

export const DEFAULT_UNKNOWN_MODE: UnknownMode = 'block';

/**
 * A finding that stops the gate: failing at or above the threshold, or
 * unknown there unless unknowns only warn.
 */
export const isBlocking = (f: Finding, failOn: Severity, unknownMode: UnknownMode = DEFAULT_UNKNOWN_MODE): boolean =>
  (f.status === 'fail' || (f.status === 'unknown' && unknownMode === 'block')) && atLeast(f.severity, failOn);

const DEFAULT_REASON: Record<CheckResult['status'], string> = {
  pass: 'compliant',
  fail: 'failed',
  unknown: 'the deciding value is only known at apply time',
  'not-applicable': 'does not apply',
};

/** An ISMS check that throws fails as one finding, like `runCheck`. */
function runCheckList(control: Control, run: () => readonly IsmsCheckResult[]): readonly IsmsCheckResult[] {
  try {
    return run();
  } catch (err) {
    return [{ annexId: '(all)', result: { status: 'fail', reason: `check ${control.id} threw: ${(err as Error).message ?? String(err)}`, path: '' } }];
  }
}

/** A check that throws is a bug in the check, reported as a failure of that control rather than a crash of the audit. */
function runCheck(control: Control, run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (err) {
    return { status: 'fail', reason: `check ${control.id} threw: ${(err as Error).message ?? String(err)}`, path: '' };
  }
}

/** What a finding is about: a resource, or a stack (no type) for stack controls. */
type Subject = Pick<InventoryResource, 'address' | 'stack' | 'source'> & { readonly type?: string };

function findingOf(control: Control, subject: Subject, status: FindingStatus, reason: string, path?: string): Finding {
  // Written out rather than spread: this runs once per control × resource.
  const { address, stack, source, type } = subject;
  return { controlId: control.id, severity: control.severity, address, stack, resourceType: type, source, status, reason, path };
}

const fromCheck = (control: Control, subject: Subject, result: CheckResult): Finding =>
  findingOf(control, subject, result.status, result.reason ?? DEFAULT_REASON[result.status], 'path' in result ? result.path : undefined);

/** Resources of the control's types, each once, through the index (the index's own list for a single type: no copy). */
function subjectsOf(appliesTo: readonly string[], index: InventoryIndex): readonly InventoryResource[] {
  const types = new Set(appliesTo);
  if (types.size === 1) return index.byType(appliesTo[0]!);
  const out: InventoryResource[] = [];
  for (const t of types) for (const r of index.byType(t)) out.push(r);
  return out;
}

/** What an audit knows beyond the inventory: the ISMS declarations, and the Annex A ids the catalogue covers. */
export interface AuditContext {
  readonly isms?: IsmsDeclarations;
  readonly covered: ReadonlySet<string>;
}

/** Annex A ids that the infrastructure controls of a catalogue map to. */
export const coveredAnnexIds = (controls: readonly Control[]): ReadonlySet<string> =>
  new Set(controls.filter((c) => c.scope !== 'isms').flatMap((c) => c.iso27001_2022));

/** ISMS findings are about Annex A ids, in a stack of their own. */
export const ISMS_STACK = 'isms';

/** One control's findings before waivers (exported for the benchmark's per-control costs). */
export function evaluateControl(control: Control, index: InventoryIndex, context: AuditContext = { covered: new Set() }): Finding[] {
  switch (control.scope) {
    case 'isms': {
      const results = runCheckList(control, () => control.check(context.isms, context.covered));
      const severity = context.isms?.soa.noOwnerSeverity;
      return results.map(({ annexId, result }) => ({
        ...fromCheck(control, { address: annexId, stack: ISMS_STACK, source: 'config: isms' }, result),
        ...(severity ? { severity } : {}),
      }));
    }
    case 'resource':
      return subjectsOf(control.appliesTo, index).map((r) =>
        fromCheck(control, r, settleUnresolved(r, runCheck(control, () => control.check(r, index)))),
      );
    case 'inherited': {
      const { statement, document, retrieved } = control.inherited;
      const reason = `${statement} (source: ${document}, retrieved ${retrieved})`;
      return subjectsOf(control.appliesTo, index).map((r) => findingOf(control, r, 'inherited', reason));
    }
    case 'stack':
      return index.inventory.stacks.map((s) => stackFinding(control, s, index));
    case 'live':
      // Its evidence is the provider's live state (npm run evidence), not the audited files: nothing to evaluate here.
      return [];
  }
}

/** Once per stack; when the result's path is a resource address of the stack, the finding is about that resource. */
function stackFinding(control: Control & { scope: 'stack' }, s: StackInfo, index: InventoryIndex): Finding {
  const result = runCheck(control, () => control.check(s, index));
  const named = 'path' in result && result.path ? index.byAddress(result.path, s.name) : undefined;
  return fromCheck(control, named ?? { address: s.name, stack: s.name, source: s.source }, result);
}

export interface ResultParts {
  readonly controls: readonly Control[];
  readonly findings: readonly Finding[];
  readonly waiverProblems?: readonly WaiverProblem[];
  readonly stacks: readonly StackInfo[];
  readonly inputs: readonly string[];
  /** Resources audited, for the summary. */
  readonly resources: number;
  readonly failOn: Severity;
  /** @default 'block' */
  readonly unknownMode?: UnknownMode;
  readonly now: Date;
  readonly isms?: IsmsDeclarations;
  /** Tool name shown in the reports. @default the package name */
  readonly toolName?: string;
}

/** Control statuses and the summary, derived from the findings: one way for every producer of an AuditResult. */
export function buildResult(parts: ResultParts): AuditResult {
  const { controls, findings, failOn } = parts;
  const unknownMode = parts.unknownMode ?? DEFAULT_UNKNOWN_MODE;
  const problems = parts.waiverProblems ?? [];
  const byControl = new Map<string, FindingStatus[]>();
  for (const f of findings) {
    const list = byControl.get(f.controlId);
    if (list) list.push(f.status);
    else byControl.set(f.controlId, [f.status]);
  }
  const controlStatus: Record<string, FindingStatus> = {};
  for (const c of controls) controlStatus[c.id] = worstStatus(byControl.get(c.id) ?? []);
  const blocking = findings.filter((f) => isBlocking(f, failOn, unknownMode)).length + problems.length;
  return {
    generatedAt: parts.now.toISOString(),
    tool: { name: parts.toolName ?? toolName, version: toolVersion },
    inputs: parts.inputs,
    controls,
    controlStatus,
    findings,
    waiverProblems: problems,
    stacks: parts.stacks,
    ...(parts.isms ? { isms: parts.isms } : {}),
    summary: {
      controls: controls.length,
      resources: parts.resources,
      findings: countStatuses(findings.map((f) => f.status)),
      controlsByStatus: countStatuses(Object.values(controlStatus)),
      waiverProblems: problems.length,
      blocking,
      failOn,
      unknownMode,
      compliant: blocking === 0,
    },
  };
}

export function audit(options: AuditOptions): AuditResult {
  const { inventory, controls, waivers = [], failOn = DEFAULT_FAIL_ON, unknownMode, now = new Date(), inputs = [], maxWaiverDays, isms } = options;
  const index = buildIndex(inventory);
  const context: AuditContext = { isms, covered: coveredAnnexIds(controls) };
  const evaluated: Finding[] = [];
  for (const control of controls) for (const f of evaluateControl(control, index, context)) evaluated.push(f);
  const waived = applyWaivers(evaluated, waivers, now, { maxDays: maxWaiverDays });
  const { problems } = waived;
  const findings = applyTemplateSuppressions(waived.findings, controls, index, now);
  return buildResult({ controls, findings, waiverProblems: problems, stacks: inventory.stacks, inputs, resources: inventory.resources.length, failOn, unknownMode, now, isms });
}

/**
 * One line per blocking finding and per waiver problem, worst severity first:
 * `CONTROL-ID address: reason` (`CONTROL-ID address: unknown: reason` for an
 * unknown). Addresses that occur in several stacks are qualified as
 * `stack/address`. `which: 'all'` lists failures and unknowns below the threshold too.
 *
 * The lines are for a terminal or CI log: addresses, reasons and waiver fields
 * come from the input, so control characters in them are escaped and a line
 * cannot become a CI workflow command (`terminalSafe`).
 */
export function formatFailures(result: AuditResult, which: 'blocking' | 'all' = 'blocking'): string[] {
  // Each address's stack, or MANY when it occurs in more than one (then the line names the stack too).
  const MANY = '\u0000';
  const stackOf = new Map<string, string>();
  for (const f of result.findings) {
    const seen = stackOf.get(f.address);
    if (seen === undefined) stackOf.set(f.address, f.stack);
    else if (seen !== f.stack && seen !== MANY) stackOf.set(f.address, MANY);
  }
  const shown = (f: Finding): string => (f.address !== f.stack && stackOf.get(f.address) === MANY ? `${f.stack}/${f.address}` : f.address);
  const { failOn, unknownMode } = result.summary;
  const failures = result.findings
    .filter((f) => (which === 'all' ? f.status === 'fail' || f.status === 'unknown' : isBlocking(f, failOn, unknownMode)))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return [
    ...failures.map((f) => `${f.controlId} ${shown(f)}: ${f.status === 'unknown' ? 'unknown: ' : ''}${f.reason}`),
    ...result.waiverProblems.map((p) => `${p.waiver.control} ${p.waiver.resource}: ${p.message}`),
  ].map(terminalSafe);
}
