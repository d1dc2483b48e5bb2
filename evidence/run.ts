/**
 * The work behind `npm run evidence`, once the CLI has checked its input:
 * synthesize what `edge-<env>` declares, read the live zone, compare, and write
 * the reports. Loaded by the CLI only when needed, because the stacks, the
 * catalogue and the SDK take seconds to load.
 */
import type { KitConfig } from '../config/schema';
import { formatFailures } from '../policies/engine';
import { writeReportFiles } from '../policies/gate';
import type { AuditResult, Finding } from '../policies/types';
import { compareZone } from './compare';
import { EVIDENCE_REPORT_CONTROLS } from './controls';
import { cloudflareClient, observeZone, type ApiOptions } from './observed';
import { evidenceResult } from './result';
import { declaredEdge } from './synth';

export interface EvidenceRun {
  readonly config: KitConfig;
  readonly configFile: string;
  readonly envName: string;
  readonly api: ApiOptions;
  readonly outDir: string;
  readonly now: Date;
}

export interface EvidenceOutcome {
  readonly result: AuditResult;
  /** What the CLI prints: the counts, one line per drifted item, the report paths. */
  readonly summary: string;
}

/** Throws InputError (ApiFailure, DeclaredError, an unwritable --out) for anything unusable; writes nothing then. */
export async function collectEvidence(run: EvidenceRun): Promise<EvidenceOutcome> {
  const { api } = run;
  const declared = declaredEdge(run.config, run.envName, run.configFile);
  const client = cloudflareClient(api);
  const findings: Finding[] = [];
  for (const zone of declared.zones) findings.push(...compareZone(zone, await observeZone(client, zone, api)));

  const zoneIds = declared.zones.map((z) => z.zoneId);
  const result = evidenceResult({
    findings,
    // Catalogue controls always (one without items shows as not applicable); the kit's own EVIDENCE-* ones only when used.
    controls: EVIDENCE_REPORT_CONTROLS.filter((c) => c.id.startsWith('TOM-') || findings.some((f) => f.controlId === c.id)),
    stacks: [{ name: declared.stack, source: `${api.baseURL} (zone ${zoneIds.join(', ')})`, format: 'cdktf' }],
    inputs: [...zoneIds.map((id) => `Cloudflare API ${api.baseURL}, zone ${id}`), `${run.configFile} (${declared.stack}, synthesized)`],
    now: run.now,
  });
  // Live evidence is a handful of items, each one proof of a setting: every one is listed, passes included.
  const written = await writeReportFiles(result, run.outDir, { detail: 'full' });

  const { pass, fail } = result.summary.findings;
  const drift = formatFailures(result, 'all');
  const summary = [
    `Compared ${findings.length} declared items of ${declared.stack} with ${api.baseURL}: ${pass} as declared, ${fail} drifted.`,
    ...drift.map((line) => `  ${line}`),
    `Reports: ${written.join(', ')}`,
    drift.length === 0 ? 'NO DRIFT' : 'DRIFT',
  ].join('\n');
  return { result, summary };
}
