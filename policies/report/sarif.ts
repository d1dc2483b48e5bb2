/**
 * compliance.sarif: SARIF 2.1.0 for code-scanning dashboards. One rule per
 * control; a result for every failed finding and every waived one (the latter
 * carrying a suppression with the waiver as justification, so dashboards show
 * it as an accepted risk rather than hiding it), plus one per waiver problem.
 */
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult, Control, Finding, Severity, WaiverProblem } from '../types';
import { buildModel, summaryEntry, subjectName } from './model';
import { fingerprint } from './uuid';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Rule id of the extra rule under which waiver problems are reported. */
export const WAIVER_RULE_ID = 'waiver-problem';

/** GitHub's scale: ≥ 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const levelOf = (s: Severity): Result.level => (s === 'critical' || s === 'high' ? 'error' : 'warning');

/** `EU-only regions` → `EuOnlyRegions`: SARIF's rule name is an identifier-like label. */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

/** A source path as a relative URI reference: forward slashes, and `?`/`#` kept as path characters. */
export function sourceUri(source: string): string {
  return encodeURI(source.replace(/\\/g, '/')).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

function rule(c: Control): ReportingDescriptor {
  return {
    id: c.id,
    name: ruleName(c.title),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.measure} ${c.rationale}` },
    help: { text: c.remediation },
    defaultConfiguration: { level: levelOf(c.severity) },
    properties: {
      tags: ['security', 'compliance', ...c.iso27001_2022.map((id) => `iso27001:2022/${id}`)],
      'security-severity': SECURITY_SEVERITY[c.severity],
      severity: c.severity,
      iso27001_2022: [...c.iso27001_2022],
      iso27001_2013: [...c.iso27001_2013],
      gdprArt32: [...c.gdprArt32],
      tomCategory: c.tomCategory,
      measures: [...c.measures],
      equivalents: [...c.equivalents],
    },
  };
}

const WAIVER_RULE: ReportingDescriptor = {
  id: WAIVER_RULE_ID,
  name: 'WaiverProblem',
  shortDescription: { text: 'Waiver expired or matches nothing' },
  fullDescription: {
    text: 'A waiver that has expired, or that no longer matches any finding, is itself a failure: accepted risks must stay current and specific.',
  },
  help: { text: 'Renew the waiver with a new expiry date and owner, fix the finding, or delete the waiver.' },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['security', 'compliance'], 'security-severity': SECURITY_SEVERITY.high },
};

function findingLocation(f: Finding): Location {
  return {
    physicalLocation: { artifactLocation: { uri: sourceUri(f.source) } },
    logicalLocations: [{ fullyQualifiedName: subjectName(f), name: f.address, kind: f.resourceType ? 'resource' : 'module' }],
  };
}

function findingResult(f: Finding, ruleIndex: number): Result {
  return {
    ruleId: f.controlId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: levelOf(f.severity),
    message: { text: `${f.status === 'unknown' ? 'unknown: ' : ''}${f.reason} (${subjectName(f)}${f.path ? `, attribute ${f.path}` : ''})` },
    locations: [findingLocation(f)],
    partialFingerprints: { 'tomKitFinding/v1': fingerprint(f.controlId, f.stack, f.address) },
    ...(f.status === 'waived' && f.waiver
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: `${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires})`,
              properties: { owner: f.waiver.owner, expires: f.waiver.expires, resource: f.waiver.resource },
            },
          ],
        }
      : {}),
    properties: {
      status: f.status,
      severity: f.severity,
      stack: f.stack,
      ...(f.resourceType ? { resourceType: f.resourceType } : {}),
      ...(f.path ? { attributePath: f.path } : {}),
    },
  };
}

function waiverProblemResult(p: WaiverProblem, ruleIndex: number): Result {
  return {
    ruleId: WAIVER_RULE_ID,
    ruleIndex,
    level: 'error',
    message: { text: p.message },
    locations: [{ logicalLocations: [{ fullyQualifiedName: `${p.waiver.control}:${p.waiver.resource}`, kind: 'object' }] }],
    partialFingerprints: { 'tomKitWaiver/v1': fingerprint(p.waiver.control, p.waiver.resource, p.problem) },
    properties: { problem: p.problem, owner: p.waiver.owner, expires: p.waiver.expires },
  };
}

export function renderSarif(result: AuditResult): string {
  const model = buildModel(result);
  const rules = model.controls.map(rule);
  const hasProblems = model.waiverProblems.length > 0;
  if (hasProblems) rules.push(WAIVER_RULE);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i] as const));
  const results: Result[] = [
    ...model.findings
      .filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'waived')
      .map((f) => findingResult(f, ruleIndex.get(f.controlId) ?? -1)),
    ...model.waiverProblems.map((p) => waiverProblemResult(p, ruleIndex.get(WAIVER_RULE_ID)!)),
  ];
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: result.generatedAt }],
        results,
        properties: { summary: summaryEntry(result.summary), inputs: [...result.inputs] },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
