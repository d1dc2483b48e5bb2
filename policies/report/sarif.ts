/**
 * compliance.sarif: SARIF 2.1.0 for code-scanning dashboards. One rule per
 * control; a result for every failed finding and every waived one (the latter
 * carrying a suppression with the waiver as justification, so dashboards show
 * it as an accepted risk rather than hiding it), plus one per waiver problem.
 *
 * Written to pass GitHub code scanning's upload rules every time (checked in
 * test/policies/report/sarif-github.test.ts): every result has a physical
 * location whose URI is relative to the repository root (a waiver problem
 * points at the waiver's line), rules carry `helpUri` only when an absolute
 * base URL is given, `automationDetails.id` names the analysis, and results are
 * capped at GitHub's limits, keeping the most severe, with a note saying so.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult, Control, Finding, Severity, WaiverProblem } from '../types';
import { SEVERITIES } from '../types';
import { listSlot, withListsOnePerLine } from './json-text';
import { buildModel, measureText, subjectName, summaryEntry, traceOf } from './model';
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

/** GitHub code scanning's documented limits for one SARIF upload. */
export const GITHUB_LIMITS = {
  runsPerFile: 20,
  /**
   * GitHub accepts up to 25,000 results per run (`acceptedResultsPerRun`) but
   * stores only the 5,000 most severe; writing more only makes the file larger
   * and slower for nothing code scanning will show.
   */
  resultsPerRun: 5_000,
  acceptedResultsPerRun: 25_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1_000,
  tagsPerRule: 20,
  /** The upload is gzip-compressed; the compressed file must stay within 10 MB. */
  gzipBytes: 10 * 1024 * 1024,
} as const;

export type SarifLimits = { -readonly [K in keyof typeof GITHUB_LIMITS]: number };

export interface SarifOptions {
  /** Folder URIs are made relative to: the repository root. @default process.cwd() */
  readonly root?: string;
  /**
   * Absolute base URL of the per-control pages (`docs/controls/<ID>.md`), e.g.
   * `https://github.com/org/eu-tom-kit/blob/main/docs/controls/`. GitHub wants
   * `helpUri` absolute, so without a base it is left out (the help text is always there).
   */
  readonly helpBase?: string;
  /** Category of `automationDetails.id` (`<category>/`). @default `tom-audit/<inputs>` */
  readonly category?: string;
  /** Limits to cap at; GitHub's by default (tests pass smaller ones). */
  readonly limits?: Partial<SarifLimits>;
}

/** Where a waiver problem points when the waiver does not say where it was written. */
const DEFAULT_WAIVERS_URI = 'policies/waivers.yaml';

/** A source path as a relative URI reference: forward slashes, and `?`/`#` kept as path characters. */
export function sourceUri(source: string): string {
  return encodeURI(source.replace(/\\/g, '/')).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

/**
 * A path as GitHub wants it: relative to the repository root, `/`-separated,
 * no `..`, no scheme. A file outside the root cannot be shown on a line of
 * code anyway; it keeps its name (and the location says where it really was).
 */
export function repoUri(path: string, root: string): { uri: string; outside?: string } {
  const rel = relative(root, resolve(root, path));
  if (rel && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return { uri: sourceUri(rel.split(sep).join('/')) };
  const name = path.split(/[\\/]/).filter(Boolean).pop() ?? 'unknown';
  return { uri: sourceUri(name), outside: path };
}

/** Absolute `https:`/`http:` base with a trailing slash; anything else is a usage error the CLI reports. */
export function helpBaseUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`"${base}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${base}" is not an http(s) URL`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** `tom-audit/<inputs>`: stable across runs of the same audit, so GitHub compares like with like. */
function defaultCategory(inputs: readonly string[], root: string): string {
  const slug = inputs
    // Relative to the repository, so the same audit on another machine or runner is the same analysis.
    .map((i) => decodeURI(repoUri(i, root).uri).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('+');
  return slug ? `tom-audit/${slug}` : 'tom-audit';
}

function rule(c: Control, helpBase: string | undefined, maxTags: number): ReportingDescriptor {
  return {
    id: c.id,
    name: ruleName(c.title),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.measure} ${c.rationale}` },
    ...(helpBase ? { helpUri: `${helpBase}${encodeURIComponent(c.id)}.md` } : {}),
    help: { text: c.remediation },
    defaultConfiguration: { level: levelOf(c.severity) },
    properties: {
      tags: ['security', 'compliance', ...c.iso27001_2022.map((id) => `iso27001:2022/${id}`)].slice(0, maxTags),
      'security-severity': SECURITY_SEVERITY[c.severity],
      severity: c.severity,
      iso27001_2022: [...c.iso27001_2022],
      iso27001_2013: [...c.iso27001_2013],
      gdprArt32: [...c.gdprArt32],
      tomCategory: c.tomCategory,
      measures: c.measures.map(measureText),
      equivalents: [...c.equivalents],
      ...traceOf(c.id),
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

/*
 * Where a finding was decided: the source file, relative to the repository
 * (said once per file in `run.artifacts`, with where it really was, when it
 * lies outside). The subject (`stack/address`) is named in the message,
 * which is what code scanning shows; a logical location would repeat it for
 * every one of tens of thousands of results.
 */

/**
 * A failing, unknown or waived finding, as one line of JSON. Only what differs
 * per finding is written: the rule carries the title, severity, mappings and
 * remediation; the message the reason, subject and attribute;
 * `properties.status` appears for unknown and waived results (a result
 * without it is a failure). Written as text rather than through an object
 * and JSON.stringify: this runs once per failing finding, tens of thousands
 * of times, and every string in it still goes through JSON.stringify.
 */
function findingResultLine(f: Finding, ruleIndex: number, uriJson: string): string {
  const message = `${f.status === 'unknown' ? 'unknown: ' : ''}${f.reason} (${subjectName(f)}${f.path ? `, attribute ${f.path}` : ''})`;
  const suppressions: Result['suppressions'] =
    f.status === 'waived' && f.waiver
      ? [
          {
            kind: 'external',
            status: 'accepted',
            justification: `${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires})`,
            properties: { owner: f.waiver.owner, expires: f.waiver.expires, resource: f.waiver.resource },
          },
        ]
      : undefined;
  return (
    `{"ruleId":${JSON.stringify(f.controlId)},${ruleIndex >= 0 ? `"ruleIndex":${ruleIndex},` : ''}"level":"${levelOf(f.severity)}",` +
    `"message":{"text":${JSON.stringify(message)}},` +
    `"locations":[{"physicalLocation":{"artifactLocation":{"uri":${uriJson}}}}],` +
    `"partialFingerprints":{"tomKitFinding/v1":"${fingerprint(f.controlId, f.stack, f.address)}"}` +
    `${suppressions ? `,"suppressions":${JSON.stringify(suppressions)}` : ''}` +
    `${f.status !== 'fail' ? `,"properties":{"status":${JSON.stringify(f.status)}}` : ''}}`
  );
}

/** The waiver's line in its file; without one, the default waivers file. */
function waiverLocation(p: WaiverProblem, root: string): Location {
  const at = p.waiver.location;
  const { uri, outside } = at ? repoUri(at.file, root) : { uri: DEFAULT_WAIVERS_URI, outside: undefined };
  return {
    physicalLocation: {
      artifactLocation: { uri },
      ...(at && at.line >= 1 ? { region: { startLine: at.line } } : {}),
    },
    logicalLocations: [{ fullyQualifiedName: `${p.waiver.control}:${p.waiver.resource}`, kind: 'object' }],
    ...(outside ? { properties: { outsideRepository: outside } } : {}),
  };
}

function waiverProblemResult(p: WaiverProblem, ruleIndex: number, root: string): Result {
  return {
    ruleId: WAIVER_RULE_ID,
    ruleIndex,
    level: 'error',
    message: { text: `${p.message} (${p.waiver.control} ${p.waiver.resource})` },
    locations: [waiverLocation(p, root)],
    partialFingerprints: { 'tomKitWaiver/v1': fingerprint(p.waiver.control, p.waiver.resource, p.problem) },
    properties: { problem: p.problem, owner: p.waiver.owner, expires: p.waiver.expires },
  };
}

/** A result, serialised, with the rank it is kept by when results must be capped. */
interface Ranked {
  /** The result as one line of JSON: kept as text, tens of thousands of result objects would outlive many collections. */
  readonly line: string;
  /** Lower ranks are kept first: open failures (and waiver problems), then unknowns, then waived; each by severity. */
  readonly rank: number;
}

function rankOf(status: Finding['status'] | 'waiver-problem', severity: Severity): number {
  const open = status === 'waiver-problem' || status === 'fail' ? 0 : status === 'unknown' ? 1 : 2;
  return open * SEVERITIES.length + SEVERITIES.indexOf(severity);
}

/** The `keep` highest-priority results, in their report order. */
function keepFirst(results: readonly Ranked[], keep: number): string[] {
  if (results.length <= keep) return results.map((r) => r.line);
  const chosen = new Set(
    results
      .map((r, i) => ({ rank: r.rank, i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .slice(0, keep)
      .map((x) => x.i),
  );
  return results.filter((_, i) => chosen.has(i)).map((r) => r.line);
}

/**
 * Compressed size, computed only when it could matter: deflate adds at most a
 * few bytes per 16 KB block, so a text within 99 % of the limit fits whatever it holds.
 */
function overGzipLimit(text: string, limit: number): boolean {
  if (Buffer.byteLength(text, 'utf8') <= limit * 0.99) return false;
  return gzipSync(Buffer.from(text, 'utf8')).length > limit;
}

export function renderSarif(result: AuditResult, options: SarifOptions = {}): string {
  const limits: SarifLimits = { ...GITHUB_LIMITS, ...options.limits };
  const root = options.root ?? process.cwd();
  const helpBase = options.helpBase ? helpBaseUrl(options.helpBase) : undefined;
  const model = buildModel(result);
  const rules = model.controls.map((c) => rule(c, helpBase, limits.tagsPerRule));
  const hasProblems = model.waiverProblems.length > 0;
  if (hasProblems) rules.push(WAIVER_RULE);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i] as const));
  // Each source file's repository-relative URI once: the same few files stand behind thousands of findings.
  const uris = new Map<string, { uri: string; outside?: string; json: string }>();
  const uriJson = (source: string) => {
    let u = uris.get(source);
    if (!u) {
      const at = repoUri(source, root);
      u = { ...at, json: JSON.stringify(at.uri) };
      uris.set(source, u);
    }
    return u.json;
  };
  const all: Ranked[] = [
    ...model.findings
      .filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'waived')
      .map((f) => ({ line: findingResultLine(f, ruleIndex.get(f.controlId) ?? -1, uriJson(f.source)), rank: rankOf(f.status, f.severity) })),
    ...model.waiverProblems.map((p) => ({ line: JSON.stringify(waiverProblemResult(p, ruleIndex.get(WAIVER_RULE_ID)!, root)), rank: rankOf('waiver-problem', 'high') })),
  ];
  // Files outside the repository keep their name as URI; where they really were is said once per file.
  const artifacts = [...uris.values()]
    .filter((u) => u.outside !== undefined)
    .map((u) => ({ location: { uri: u.uri }, properties: { outsideRepository: u.outside } }));
  const category = (options.category ?? defaultCategory(result.inputs, root)).replace(/\/+$/, '');
  const build = (results: readonly string[]): string => {
    const capped = results.length < all.length;
    const note = capped
      ? `Only ${results.length} of ${all.length} results are included, to stay within GitHub code scanning's upload limits ` +
        `(it stores at most ${limits.resultsPerRun} results per run and accepts files up to ${limits.gzipBytes} bytes gzip-compressed); failures of higher severity were kept first. ` +
        'Every finding is in compliance.json.'
      : undefined;
    const notifications: Notification[] = note ? [{ level: 'warning', message: { text: note }, descriptor: { id: 'results-capped' } }] : [];
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
              rules: listSlot('rules') as unknown as ReportingDescriptor[],
            },
          },
          automationDetails: { id: `${category}/` },
          invocations: [
            { executionSuccessful: true, endTimeUtc: result.generatedAt, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) },
          ],
          ...(artifacts.length > 0 ? { artifacts } : {}),
          results: listSlot('results') as unknown as Result[],
          properties: {
            summary: summaryEntry(result.summary),
            inputs: [...result.inputs],
            ...(note ? { capped: { included: results.length, total: all.length, note } } : {}),
          },
        },
      ],
    };
    // One line per rule and per result (issue 11: size and speed with 20,000 results); the rest indented.
    return `${withListsOnePerLine(log, { rules: rules.map((r) => JSON.stringify(r)), results })}\n`;
  };
  let keep = Math.min(all.length, limits.resultsPerRun, limits.acceptedResultsPerRun);
  let text = build(keepFirst(all, keep));
  // Halve until the compressed file fits: a handful of gzip passes even for the largest estates.
  while (keep > 0 && overGzipLimit(text, limits.gzipBytes)) {
    keep = Math.floor(keep / 2);
    text = build(keepFirst(all, keep));
  }
  return text;
}
