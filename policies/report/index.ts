/**
 * Writing every report format for one AuditResult.
 *
 * All reports are rendered in memory first, then written into a temporary
 * folder beside the output folder and renamed into place: a failure (a
 * renderer throwing, a full disk) leaves the previous reports untouched and
 * no half-written file behind.
 */
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { sha256 } from '../provenance';
import type { AuditResult } from '../types';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown, renderSoaMarkdown } from './markdown';
import { buildModel, type ReportDetail } from './model';
import { OSCAL_PLAN_FILE, renderOscal, renderOscalPlan } from './oscal';
import { renderSarif, type SarifOptions } from './sarif';
import { renderSoaCsv } from './soa';

export { renderHtml, renderJson, renderJunit, renderMarkdown, renderOscal, renderOscalPlan, renderSarif };
export { statementOfApplicability } from './soa';
export type { SoaRow } from './soa';
export type { SarifOptions } from './sarif';
export { REPORT_DETAILS, type ReportDetail } from './model';

/** Per-format options; formats without any ignore them. */
export interface ReportOptions {
  readonly sarif?: SarifOptions;
  /** Whether passing subjects are listed one by one in the human-readable formats (default `summary`: counted per control). */
  readonly detail?: ReportDetail;
}

/** File name → renderer, in the order the paths are returned. */
export const REPORT_FILES: readonly (readonly [string, (result: AuditResult, options?: ReportOptions) => string])[] = [
  ['compliance.json', (result, options) => renderJson(result, undefined, options?.detail)],
  ['compliance.md', (result, options) => renderMarkdown(result, options?.detail)],
  ['compliance.html', (result, options) => renderHtml(result, options?.detail)],
  ['compliance.sarif', (result, options) => renderSarif(result, options?.sarif)],
  ['junit.xml', renderJunit],
  ['oscal-assessment-results.json', (result, options) => renderOscal(result, options?.detail)],
  [OSCAL_PLAN_FILE, renderOscalPlan],
  ['soa.csv', (result) => renderSoaCsv(buildModel(result))],
  ['soa.md', renderSoaMarkdown],
];

/** Raised for an output folder the reports cannot be written to; the message names it and says why. */
export class ReportOutputError extends Error {
  override readonly name = 'ReportOutputError';
}

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Render every report and write them to `outDir` (created when missing;
 * other files in it are left alone). Returns the written paths, `outDir`
 * joined with each file name, in REPORT_FILES order.
 */
export async function writeReports(result: AuditResult, outDir: string, options: ReportOptions = {}): Promise<string[]> {
  const target = resolve(outDir);
  const existing = await isDirectory(target);
  if (existing === false) {
    throw new ReportOutputError(
      `Report output folder ${outDir} exists but is a file. Pass --out a folder path (it is created when missing).`,
    );
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  // The write of the previous report, running while the next one renders (at most one report waits in memory).
  let writing: Promise<void> | undefined;
  try {
    // Each report is written to the temporary folder as soon as it is rendered and only its hash kept:
    // with 100,000 findings the set is tens of megabytes, and holding it all at once doubled the peak memory.
    const manifest: Record<string, string> = {};
    for (const [name, render] of REPORT_FILES) {
      if (name === 'compliance.json') continue;
      // Encoded once, then hashed and written as the same bytes.
      const content = Buffer.from(render(result, options), 'utf8');
      manifest[name] = sha256(content);
      await writing;
      writing = writeFile(join(temp, name), content);
    }
    await writing;
    writing = undefined;
    // compliance.json last, with the SHA-256 of every other file.
    await writeFile(join(temp, 'compliance.json'), renderJson(result, manifest, options.detail), 'utf8');
    if (existing === undefined) {
      // Nothing there yet: one rename publishes the whole folder at once.
      await rename(temp, target);
    } else {
      // Keep whatever else lives in the folder; each rename replaces one report atomically.
      for (const [name] of REPORT_FILES) await rename(join(temp, name), join(target, name));
      await rm(temp, { recursive: true, force: true });
    }
  } catch (err) {
    // A renderer that threw may leave a write in flight: let it settle before the folder goes.
    await writing?.catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  return REPORT_FILES.map(([name]) => join(outDir, name));
}
