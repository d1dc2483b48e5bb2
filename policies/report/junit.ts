/**
 * junit.xml: one `<testsuite>` per control, one `<testcase>` per control ×
 * subject, so CI test tabs show the audit like a test run. Fail and unknown → `<failure>`;
 * waived, not-applicable and inherited → `<skipped>` with the reason; pass →
 * an empty testcase. Waiver problems get a suite of their own, as failures.
 */
import type { AuditResult, Control, Finding } from '../types';
import { escapeXml as x, escapeXmlAttr as a } from './escape';
import { buildModel, describeWaiver, statusOf, subjectName, type ReportModel } from './model';

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
}

const counts = (c: SuiteCounts) => `tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}"`;

function testcase(f: Finding): string {
  const open = `<testcase classname="${a(f.controlId)}" name="${a(subjectName(f))}" file="${a(f.source)}" time="0"`;
  switch (f.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
    case 'unknown': {
      const detail = [`stack: ${f.stack}`, `address: ${f.address}`, ...(f.path ? [`attribute: ${f.path}`] : []), `source: ${f.source}`];
      return `${open}>\n      <failure message="${a(f.status === 'unknown' ? `unknown: ${f.reason}` : f.reason)}" type="${a(f.severity)}">${x(detail.join('\n'))}</failure>\n    </testcase>`;
    }
    case 'waived':
      return `${open}>\n      <skipped message="${a(`waived: ${f.reason}${f.waiver ? ` (${describeWaiver(f.waiver)})` : ''}`)}"/>\n    </testcase>`;
    case 'inherited':
    case 'not-applicable':
      return `${open}>\n      <skipped message="${a(`${f.status}: ${f.reason}`)}"/>\n    </testcase>`;
  }
}

function suiteCounts(findings: readonly Finding[]): SuiteCounts {
  return {
    tests: findings.length,
    failures: findings.filter((f) => f.status === 'fail' || f.status === 'unknown').length,
    skipped: findings.filter((f) => f.status !== 'fail' && f.status !== 'unknown' && f.status !== 'pass').length,
  };
}

function suite(model: ReportModel, c: Control): { xml: string; counts: SuiteCounts } {
  const findings = model.findingsByControl.get(c.id) ?? [];
  const sc = suiteCounts(findings);
  const props: [string, string][] = [
    ['title', c.title],
    ['severity', c.severity],
    ['status', statusOf(model.result, c.id)],
    ['iso27001_2022', c.iso27001_2022.join(' ')],
    ['iso27001_2013', c.iso27001_2013.join(' ')],
    ['gdprArt32', c.gdprArt32.join(' ')],
    ['tomCategory', c.tomCategory],
    ['remediation', c.remediation],
  ];
  const xml = [
    `  <testsuite name="${a(c.id)}" ${counts(sc)} time="0" timestamp="${a(model.result.generatedAt)}">`,
    `    <properties>`,
    ...props.map(([name, value]) => `      <property name="${a(name)}" value="${a(value)}"/>`),
    `    </properties>`,
    ...findings.map((f) => `    ${testcase(f)}`),
    `  </testsuite>`,
  ].join('\n');
  return { xml, counts: sc };
}

function waiverSuite(model: ReportModel): { xml: string; counts: SuiteCounts } | undefined {
  if (model.waiverProblems.length === 0) return undefined;
  const cases = model.waiverProblems.map(
    (p) =>
      `    <testcase classname="waivers" name="${a(`${p.waiver.control} ${p.waiver.resource}`)}" time="0">\n` +
      `      <failure message="${a(p.message)}" type="${a(p.problem)}">${x(`owner: ${p.waiver.owner}\nexpires: ${p.waiver.expires}\nreason: ${p.waiver.reason}`)}</failure>\n` +
      `    </testcase>`,
  );
  const sc = { tests: cases.length, failures: cases.length, skipped: 0 };
  return {
    xml: [`  <testsuite name="waivers" ${counts(sc)} time="0" timestamp="${a(model.result.generatedAt)}">`, ...cases, `  </testsuite>`].join('\n'),
    counts: sc,
  };
}

export function renderJunit(result: AuditResult): string {
  const model = buildModel(result);
  const suites = model.controls.map((c) => suite(model, c));
  const waivers = waiverSuite(model);
  if (waivers) suites.push(waivers);
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
