/**
 * The gate `main.ts` runs after synth (so `npm run synth`, `cdktf synth` and
 * `cdktf deploy` stop before Terraform runs): audit the synthesized folders,
 * write the reports, print each blocking failure as `CONTROL-ID address: reason`
 * on stderr, and return the exit code. The CLI shares `auditPaths` and
 * `writeReportFiles` with it.
 */
import { join } from 'node:path';
import { audit, DEFAULT_FAIL_ON, formatFailures } from './engine';
import { InputError } from './errors';
import { readInventoryAsync } from './inventory';
import type { VariableSetting } from './readers/terraform-module';
import type { AuditResult, Control, Severity, UnknownMode } from './types';
import { loadWaivers } from './waivers';

/**
 * The full catalogue, loaded on first use: it is a hundred check modules, and a
 * run that stops at unusable input, or tests that bring their own controls, never need it.
 */
export function catalogue(): readonly Control[] {
  return (require('./catalog/index') as typeof import('./catalog/index')).CONTROLS;
}

/** The kit's own waivers file; used when none is named, and optional then. */
export const DEFAULT_WAIVERS_FILE = join(__dirname, 'waivers.yaml');

export const EXIT = { compliant: 0, failed: 1, unusableInput: 2 } as const;

export interface AuditPathsOptions {
  readonly paths: readonly string[];
  readonly failOn?: Severity;
  /** Whether unknown findings block (default) or only warn. */
  readonly unknownMode?: UnknownMode;
  /** Waivers file; default `policies/waivers.yaml` (skipped when absent). A named file must exist. */
  readonly waiversFile?: string;
  /** Catalogue to audit against; default the full catalogue (`CONTROLS`). */
  readonly controls?: readonly Control[];
  readonly now?: Date;
  /** Terraform root module variables: `--var-file` / `--var` in command-line order (later wins). */
  readonly variables?: readonly VariableSetting[];
}

/** Reads the inputs and the waivers and runs the audit. Rejects with `InputError` for unusable input. */
export async function auditPaths(options: AuditPathsOptions): Promise<AuditResult> {
  const inventory = await readInventoryAsync(options.paths, { variables: options.variables });
  const waivers = options.waiversFile ? loadWaivers(options.waiversFile) : loadWaivers(DEFAULT_WAIVERS_FILE, false);
  return audit({
    inventory,
    controls: options.controls ?? catalogue(),
    waivers,
    failOn: options.failOn ?? DEFAULT_FAIL_ON,
    unknownMode: options.unknownMode,
    now: options.now,
    inputs: options.paths,
  });
}

/**
 * Writes every report (the writer stages them and renames into place, so a
 * failed run leaves no half-written output); a folder that cannot be written
 * is unusable input, reported in one line.
 */
export async function writeReportFiles(result: AuditResult, outDir: string): Promise<string[]> {
  // Loaded on first use, like the catalogue: a run without reports never needs the writers.
  const { ReportOutputError, writeReports } = require('./report/index') as typeof import('./report/index');
  try {
    return await writeReports(result, outDir);
  } catch (err) {
    if (err instanceof ReportOutputError) throw new InputError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err; // not a file-system problem: a bug in a writer, let it surface
    throw new InputError(`${outDir}: cannot write the reports there (${code}).`);
  }
}

export interface GateOptions extends AuditPathsOptions {
  /** Where reports go; default `reports`. */
  readonly outDir?: string;
}

export interface GateIo {
  readonly stderr: (line: string) => void;
}

const defaultIo: GateIo = { stderr: (line) => process.stderr.write(`${line}\n`) };

/** Audits synthesized output; returns 0 (compliant), 1 (blocking failures) or 2 (unusable input). */
export async function runGate(options: GateOptions, io: GateIo = defaultIo): Promise<number> {
  const outDir = options.outDir ?? 'reports';
  try {
    const result = await auditPaths(options);
    await writeReportFiles(result, outDir);
    const { summary } = result;
    const counts = `${summary.resources} resources, ${summary.controls} controls, fail-on ${summary.failOn}`;
    if (summary.compliant) {
      io.stderr(`audit: compliant (${counts}); reports in ${outDir}`);
      return EXIT.compliant;
    }
    for (const line of formatFailures(result)) io.stderr(line);
    io.stderr(`audit: ${summary.blocking} blocking failure(s) (${counts}); stopped before Terraform. Reports in ${outDir}`);
    return EXIT.failed;
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`audit: ${err.message}`);
      return EXIT.unusableInput;
    }
    throw err;
  }
}
