/**
 * GitHub code scanning's documented rules for an uploaded SARIF file, as one
 * checker every test that produces SARIF calls. The OASIS schema says what is
 * valid SARIF; GitHub rejects (or silently drops) more than that: a result
 * without a physical location, an absolute or `..` URI, a file over 10 MB
 * gzip-compressed, more results, rules, runs, locations or tags than its limits.
 */
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { GITHUB_LIMITS } from '../../../policies/report/sarif';

/** A relative URI reference: no scheme, not rooted, no `..` segment, `/` separators only. */
function uriProblem(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || uri === '') return 'is missing';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return `"${uri}" has a scheme`;
  if (uri.startsWith('/') || uri.startsWith('\\')) return `"${uri}" is absolute`;
  if (uri.includes('\\')) return `"${uri}" has a backslash`;
  if (uri.split('/').some((s) => decodeURIComponent(s) === '..')) return `"${uri}" leaves the repository (..)`;
  return undefined;
}

/** Every rule GitHub's upload breaks on, as messages; empty when GitHub accepts the file. */
export function githubSarifProblems(text: string): string[] {
  const problems: string[] = [];
  const gz = gzipSync(Buffer.from(text, 'utf8')).length;
  if (gz > GITHUB_LIMITS.gzipBytes) problems.push(`gzip size ${gz} > ${GITHUB_LIMITS.gzipBytes}`);
  const log = JSON.parse(text) as Log;
  if (log.version !== '2.1.0') problems.push(`version is ${String(log.version)}`);
  if (log.runs.length > GITHUB_LIMITS.runsPerFile) problems.push(`${log.runs.length} runs`);
  log.runs.forEach((run, r) => {
    const rules = run.tool.driver.rules ?? [];
    if (rules.length > GITHUB_LIMITS.rulesPerRun) problems.push(`run ${r}: ${rules.length} rules`);
    for (const rule of rules) {
      const tags = (rule.properties?.tags ?? []) as string[];
      if (tags.length > GITHUB_LIMITS.tagsPerRule) problems.push(`rule ${rule.id}: ${tags.length} tags`);
      if (rule.helpUri !== undefined && !/^https?:\/\/[^/]/.test(rule.helpUri)) problems.push(`rule ${rule.id}: helpUri "${rule.helpUri}" is not absolute`);
    }
    const id = run.automationDetails?.id;
    if (!id) problems.push(`run ${r}: no automationDetails.id`);
    const results = run.results ?? [];
    if (results.length > GITHUB_LIMITS.acceptedResultsPerRun) problems.push(`run ${r}: ${results.length} results`);
    results.forEach((res, i) => {
      const at = `run ${r} result ${i} (${res.ruleId ?? '?'})`;
      if (!res.ruleId) problems.push(`${at}: no ruleId`);
      if (!res.message?.text) problems.push(`${at}: no message.text`);
      if (!res.partialFingerprints || Object.keys(res.partialFingerprints).length === 0) problems.push(`${at}: no partialFingerprints`);
      const locations = res.locations ?? [];
      if (locations.length === 0) problems.push(`${at}: no location`);
      if (locations.length > GITHUB_LIMITS.locationsPerResult) problems.push(`${at}: ${locations.length} locations`);
      for (const loc of locations) {
        const physical = loc.physicalLocation;
        if (!physical) {
          problems.push(`${at}: a location without physicalLocation`);
          continue;
        }
        const bad = uriProblem(physical.artifactLocation?.uri);
        if (bad) problems.push(`${at}: artifactLocation.uri ${bad}`);
        const region = physical.region;
        if (region && !(Number.isInteger(region.startLine) && region.startLine! >= 1)) problems.push(`${at}: region.startLine ${String(region.startLine)}`);
      }
    });
  });
  return problems;
}
