/**
 * junit.xml: the audit as a CI test run whose verdict is the gate's. One
 * `<testcase>` per control (grouped in one `<testsuite>` per catalogue area),
 * plus one per waiver problem:
 *
 * - `<failure>` only when the control has blocking findings: failing (or
 *   unknown, unless `--unknown warn`) at or above `--fail-on`. The failure
 *   text names every blocking resource with its reason.
 * - Failures below the threshold (and unknowns that only warn) leave the
 *   testcase passed, with a `warning` property and the resources in
 *   `<system-out>`: a CI test tab then agrees with the exit code.
 * - Waived, inherited and not-applicable controls are `<skipped>` with the reason.
 * - Every waiver problem blocks the gate, so each is a `<failure>`.
 */
import { isBlocking } from '../engine';
import type { AuditResult, Control, Finding } from '../types';
import { escapeXml as x, escapeXmlAttr as a } from './escape';
import { buildModel, describeTrace, describeWaiver, type FindingGroup, measureText, type ReportModel, statusOf, subjectName } from './model';

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
}

const counts = (c: SuiteCounts) => `tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}"`;

type Outcome = 'failure' | 'skipped' | 'passed';

interface Case {
  readonly xml: string;
  readonly outcome: Outcome;
}

/** One line per finding: who, why, where it was decided. */
function describe(f: Finding): string {
  return `${subjectName(f)}: ${why(f)}`;
}

const why = (f: Pick<Finding, 'status' | 'reason' | 'path' | 'source'>) => `${f.status === 'unknown' ? 'unknown: ' : ''}${f.reason}${f.path ? ` [${f.path}]` : ''} (${f.source})`;

/**
 * One line per group of findings sharing a reason: a single subject reads as
 * `describe` does, many as the reason once and then every subject, so an
 * estate failing one control thousands of times does not repeat the reason.
 */
function describeGroup(g: FindingGroup): string {
  if (g.findings.length === 1) return describe(g.findings[0]!);
  return `${why(g)} on ${g.findings.length} subjects: ${g.findings.map(subjectName).join(', ')}`;
}

const property = (name: string, value: string) => `        <property name="${a(name)}" value="${a(value)}"/>`;

function controlCase(model: ReportModel, c: Control, attention: readonly FindingGroup[]): Case {
  const { failOn, unknownMode } = model.result.summary;
  const findings = model.findingsByControl.get(c.id) ?? [];
  // A group's findings share status and severity, so they block (or not) together.
  const blockingGroups = attention.filter((g) => isBlocking(g.findings[0]!, failOn, unknownMode));
  const openGroups = attention.filter((g) => (g.status === 'fail' || g.status === 'unknown') && !isBlocking(g.findings[0]!, failOn, unknownMode));
  const blocking = blockingGroups.flatMap((g) => g.findings);
  const open = openGroups.flatMap((g) => g.findings);
  const status = statusOf(model.result, c.id);
  const props = [
    property('severity', c.severity),
    property('status', status),
    property('iso27001_2022', c.iso27001_2022.join(' ')),
    property('gdprArt32', c.gdprArt32.join(' ')),
    property('tomCategory', c.tomCategory),
    property('measures', c.measures.map(measureText).join(' | ')),
    property('proof', describeTrace(c.id)),
  ];
  const head = `    <testcase classname="${a(c.area)}" name="${a(`${c.id} ${c.title}`)}" time="0">`;
  const body: string[] = [];
  let outcome: Outcome = 'passed';
  if (blocking.length > 0) {
    outcome = 'failure';
    const message = `${blocking.length} blocking finding(s) of ${c.id} (severity ${c.severity}, fail-on ${failOn}); first: ${describe(blocking[0]!)}`;
    body.push(`      <failure message="${a(message)}" type="${a(c.severity)}">${x([...blockingGroups.map(describeGroup), '', `Remediation: ${c.remediation}`].join('\n'))}</failure>`);
  } else if (open.length > 0) {
    const why = open.some((f) => f.status === 'fail') ? `below the gate's threshold (fail-on ${failOn})` : 'unknown findings only warn (--unknown warn)';
    props.push(property('warning', `${open.length} finding(s) do not block: ${why}`));
  } else if (status === 'waived' || status === 'inherited' || status === 'not-applicable') {
    outcome = 'skipped';
    const reasons = [...new Set(findings.filter((f) => f.status === status).map((f) => (f.waiver ? describeWaiver(f.waiver) : f.reason)))];
    const reason = reasons.length > 0 ? reasons.join('; ') : 'no resource it applies to';
    body.push(`      <skipped message="${a(`${status}: ${reason}`)}"/>`);
  }
  const out = [
    ...openGroups.map((g) => `warning (does not block): ${describeGroup(g)}`),
    ...(outcome === 'skipped' ? [] : attention.filter((g) => g.status === 'waived' && g.waiver).map((g) => `waived: ${describeGroup(g)}; ${describeWaiver(g.waiver!)}`)),
  ];
  return {
    outcome,
    xml: [
      head,
      `      <properties>`,
      ...props,
      `      </properties>`,
      ...body,
      ...(out.length > 0 ? [`      <system-out>${x(out.join('\n'))}</system-out>`] : []),
      `    </testcase>`,
    ].join('\n'),
  };
}

function suite(name: string, cases: readonly Case[], timestamp: string): { xml: string; counts: SuiteCounts } {
  const sc: SuiteCounts = {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome === 'failure').length,
    skipped: cases.filter((c) => c.outcome === 'skipped').length,
  };
  return {
    xml: [`  <testsuite name="${a(name)}" ${counts(sc)} time="0" timestamp="${a(timestamp)}">`, ...cases.map((c) => c.xml), `  </testsuite>`].join('\n'),
    counts: sc,
  };
}

function waiverCases(model: ReportModel): Case[] {
  return model.waiverProblems.map((p) => ({
    outcome: 'failure' as const,
    xml:
      `    <testcase classname="waivers" name="${a(`${p.waiver.control} ${p.waiver.resource}`)}"` +
      `${p.waiver.location ? ` file="${a(p.waiver.location.file)}" line="${p.waiver.location.line}"` : ''} time="0">\n` +
      `      <failure message="${a(p.message)}" type="${a(p.problem)}">${x(`owner: ${p.waiver.owner}\nexpires: ${p.waiver.expires}\nreason: ${p.waiver.reason}`)}</failure>\n` +
      `    </testcase>`,
  }));
}

export function renderJunit(result: AuditResult): string {
  const model = buildModel(result);
  const attention = new Map<string, FindingGroup[]>();
  for (const g of model.attentionGroups) {
    const list = attention.get(g.controlId);
    if (list) list.push(g);
    else attention.set(g.controlId, [g]);
  }
  const areas = new Map<string, Case[]>();
  for (const c of model.controls) {
    const list = areas.get(c.area) ?? [];
    list.push(controlCase(model, c, attention.get(c.id) ?? []));
    areas.set(c.area, list);
  }
  const suites = [...areas].map(([area, cases]) => suite(area, cases, result.generatedAt));
  const waivers = waiverCases(model);
  if (waivers.length > 0) suites.push(suite('waivers', waivers, result.generatedAt));
  const total = suites.reduce<SuiteCounts>(
    (t, s) => ({ tests: t.tests + s.counts.tests, failures: t.failures + s.counts.failures, skipped: t.skipped + s.counts.skipped }),
    { tests: 0, failures: 0, skipped: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${a(`${result.tool.name} compliance`)}" ${counts(total)} time="0" timestamp="${a(result.generatedAt)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
