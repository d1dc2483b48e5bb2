/**
 * The gate `main.ts` runs after synth (so `npm run synth`, `cdktf synth` and
 * `cdktf deploy` stop before Terraform runs): audit the synthesized folders,
 * write the reports, print each blocking failure as `CONTROL-ID address: reason`
 * on stderr, and return the exit code. The CLI shares `auditPaths` and
 * `writeReportFiles` with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit, DEFAULT_FAIL_ON, formatFailures } from './engine';
import { InputError } from './errors';
import { displayPath, fsReason, kindOf, NODE_FS, type InputFs } from './input-files';
import { readInventory, readInventoryAsync } from './inventory';
import type { VariableSetting } from './readers/terraform-module';
import { terminalSafe } from '../backup/terminal-text';
import type { AuditResult, Control, Inventory, IsmsDeclarations, Severity, UnknownMode, Waiver } from './types';
import { sourceFile } from './source-file';
import { DEFAULT_MAX_WAIVER_DAYS, loadWaivers } from './waivers';
import type { CloudFormationOptions } from './readers/cloudformation/evaluate';
import type { ReportOptions } from './report/index';

/**
 * The full catalogue, loaded on first use: it is a hundred check modules, and a
 * run that stops at unusable input, or tests that bring their own controls, never need it.
 */
export function catalogue(): readonly Control[] {
  return (require('./catalog/index') as typeof import('./catalog/index')).CONTROLS;
}

/** The kit's own waivers file; used when none is named, and optional then. From dist/, the source file (see source-file.ts). */
export const DEFAULT_WAIVERS_FILE = sourceFile(__dirname, 'waivers.yaml');

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
  /** The config's ISMS declarations, for the Statement of Applicability. */
  readonly isms?: IsmsDeclarations;
  /** Longest a waiver may run from `now`, in days (a whole number, 1 to `MAX_WAIVER_DAYS_LIMIT`). @default 365 */
  readonly maxWaiverDays?: number;
  /** File-system calls for reading the inputs and the waivers; tests inject failures. */
  readonly fs?: InputFs;
  /** CloudFormation parameters, region and vault buckets (`--cfn-parameter`, `--aws-region`, `--vault-bucket`). */
  readonly cloudformation?: CloudFormationOptions;
  /** Terraform root module variables: `--var-file` / `--var` in command-line order (later wins). */
  readonly variables?: readonly VariableSetting[];
}

/** Above this a "maximum" lifetime stops meaning anything: ten years. */
export const MAX_WAIVER_DAYS_LIMIT = 3650;

/** The maximum waiver lifetime, checked: a whole number of days from 1 to ten years. */
export function checkMaxWaiverDays(days: number | undefined, label = 'maxWaiverDays'): number {
  if (days === undefined) return DEFAULT_MAX_WAIVER_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_WAIVER_DAYS_LIMIT) {
    throw new InputError(`${label} is ${String(days)}; allowed: a whole number of days from 1 to ${MAX_WAIVER_DAYS_LIMIT}.`);
  }
  return days;
}

/**
 * A waiver for a control the catalogue does not have can never apply: most
 * likely a typo (`TOM-NET-2`) or a control renamed in an upgrade. Like an
 * unknown field, it is a mistake in the waivers file that is found without
 * reading any input, so it is unusable input (exit 2) rather than a finding.
 */
function checkWaiverControls(waivers: readonly Waiver[], controls: readonly Control[], file: string): void {
  const ids = new Set(controls.map((c) => c.id));
  const unknown = waivers.map((w, i) => ({ w, i })).filter(({ w }) => !ids.has(w.control));
  if (unknown.length === 0) return;
  const named = unknown.map(({ w, i }) => `waiver ${i + 1} names control ${JSON.stringify(w.control)}`).join('; ');
  throw new InputError(
    `${displayPath(file)}: ${named}, which does not exist, so the waiver could never apply; ` +
      'use an id from `npm run audit -- --list-controls` or remove the waiver.',
  );
}

/** Files an audit read besides its inputs, for the report's provenance. */
export interface ReadAlso {
  readonly waivers?: string;
  readonly config?: string;
}

/**
 * Adds the provenance (file hashes, commit, command line) to a result about
 * to be written to `outDir`: the inputs are the stacks' source files.
 */
export function withProvenance(result: AuditResult, outDir: string, also: ReadAlso = {}, command = process.argv.slice(1)): AuditResult {
  const { gatherProvenance, inputFilesOf } = require('./provenance') as typeof import('./provenance');
  const files = [
    ...inputFilesOf(result).map((path) => ({ role: 'input' as const, path })),
    ...(also.waivers ? [{ role: 'waivers' as const, path: also.waivers }] : []),
    ...(also.config ? [{ role: 'config' as const, path: also.config }] : []),
  ];
  return { ...result, provenance: gatherProvenance({ files, command, outDir }) };
}

/** The waivers file an audit read: the one named, or the kit's own when it exists. */
export function waiversFileRead(named: string | undefined, fs: InputFs = NODE_FS): string | undefined {
  if (named !== undefined) return named;
  try {
    return fs.statSync(DEFAULT_WAIVERS_FILE).isFile() ? DEFAULT_WAIVERS_FILE : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the inputs and the waivers and runs the audit. Throws `InputError`
 * for unusable input. Synchronous: HCL `.tf` files need `auditPathsAsync`
 * (the CLI and the gate use that one).
 */
export function auditPaths(options: AuditPathsOptions): AuditResult {
  const fs = options.fs ?? NODE_FS;
  return auditInventory(options, readInventory(options.paths, { fs, cloudformation: options.cloudformation, variables: options.variables }));
}

/** `auditPaths` including Terraform modules written in HCL (parsed asynchronously). */
export async function auditPathsAsync(options: AuditPathsOptions): Promise<AuditResult> {
  return auditInventory(options, await readPathsAsync(options));
}

function readPathsAsync(options: AuditPathsOptions): Promise<Inventory> {
  const fs = options.fs ?? NODE_FS;
  return readInventoryAsync(options.paths, { fs, cloudformation: options.cloudformation, variables: options.variables });
}

function auditInventory(options: AuditPathsOptions, inventory: Inventory): AuditResult {
  const maxWaiverDays = checkMaxWaiverDays(options.maxWaiverDays);
  const fs = options.fs ?? NODE_FS;
  // A mistyped --vault-bucket would leave the vault on the weaker general baseline: refuse it.
  for (const name of options.cloudformation?.vaultBuckets ?? []) {
    if (!inventory.resources.some((r) => r.type === 'AWS::S3::Bucket' && r.purpose === 'backup-vault' && (r.address === name || r.values.BucketName === name || `${r.stack}:${r.address}` === name))) {
      throw new InputError(`--vault-bucket ${JSON.stringify(name)} matches no AWS::S3::Bucket of the audited templates (give its logical id, STACK:LOGICAL_ID, or its literal BucketName).`);
    }
  }
  if (options.waiversFile === '') throw new InputError('the waivers file is named as "" (an unset variable?); name a YAML file.');
  const waiversFile = options.waiversFile ?? DEFAULT_WAIVERS_FILE;
  const waivers = loadWaivers(waiversFile, options.waiversFile !== undefined, fs);
  const controls = options.controls ?? catalogue();
  checkWaiverControls(waivers, controls, waiversFile);
  return audit({
    inventory,
    controls,
    waivers,
    failOn: options.failOn ?? DEFAULT_FAIL_ON,
    unknownMode: options.unknownMode,
    isms: options.isms,
    now: options.now,
    inputs: options.paths,
    maxWaiverDays,
  });
}

/**
 * Where the reports go, checked before anything is audited: an empty name
 * would write nothing and say nothing, and a file there can never take them.
 * A folder that does not exist yet is created by the writer.
 */
export function checkOutDir(outDir: string, fs: InputFs = NODE_FS): void {
  if (outDir.trim() === '') throw new InputError('the reports folder is named as "" (an unset variable?); name a folder, or leave the option out.');
  let stats;
  try {
    stats = fs.statSync(outDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') return;
    throw new InputError(`${displayPath(outDir)}: cannot write the reports there: ${fsReason(err)}.`);
  }
  if (!stats.isDirectory()) throw new InputError(`${displayPath(outDir)}: is ${kindOf(stats)}, not a folder; the reports need a folder.`);
}

/**
 * Writes every report (the writer stages them and renames into place, so a
 * failed run leaves no half-written output); a folder that cannot be written
 * is unusable input, reported in one line.
 */
export async function writeReportFiles(result: AuditResult, outDir: string, options: ReportOptions = {}): Promise<string[]> {
  // Loaded on first use, like the catalogue: a run without reports never needs the writers.
  const { ReportOutputError, writeReports } = require('./report/index') as typeof import('./report/index');
  try {
    return await writeReports(result, outDir, options);
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
  /** The config file the stacks were built from, hashed into the report. */
  readonly configFile?: string;
  /**
   * Runs once the audit is done, before the reports are written, with the inventory it read
   * (the synth gate starts rendering and printing the TOM annex here, beside the report writers).
   */
  readonly afterAudit?: (result: AuditResult, inventory: Inventory) => void;
  /** Runs after the reports are written, with the audit (the synth gate writes the TOM annex here). */
  readonly afterReports?: (result: AuditResult, outDir: string) => Promise<void> | void;
}

export interface GateIo {
  readonly stderr: (line: string) => void;
}

const defaultIo: GateIo = { stderr: (line) => process.stderr.write(`${line}\n`) };

/** SHA-256 of the compliance.json just written: printed so a CI log holds what `--verify` compares against. */
function reportDigest(outDir: string): string {
  const { sha256 } = require('./provenance') as typeof import('./provenance');
  return sha256(readFileSync(join(outDir, 'compliance.json')));
}

/** Audits synthesized output; returns 0 (compliant), 1 (blocking failures) or 2 (unusable input). */
export async function runGate(options: GateOptions, io: GateIo = defaultIo): Promise<number> {
  const outDir = options.outDir ?? 'reports';
  const shownOut = terminalSafe(outDir);
  try {
    checkOutDir(outDir, options.fs);
    const inventory = await readPathsAsync(options);
    const audited = auditInventory(options, inventory);
    const result = withProvenance(audited, outDir, { waivers: waiversFileRead(options.waiversFile, options.fs), config: options.configFile });
    options.afterAudit?.(result, inventory);
    await writeReportFiles(result, outDir);
    await options.afterReports?.(result, outDir);
    const digest = `compliance.json sha256 ${reportDigest(outDir)}`;
    const { summary } = result;
    const counts = `${summary.resources} resources, ${summary.controls} controls, fail-on ${summary.failOn}`;
    if (summary.compliant) {
      io.stderr(`audit: compliant (${counts}); reports in ${shownOut} (${digest})`);
      return EXIT.compliant;
    }
    for (const line of formatFailures(result)) io.stderr(line);
    io.stderr(`audit: ${summary.blocking} blocking failure(s) (${counts}); stopped before Terraform. Reports in ${shownOut} (${digest})`);
    return EXIT.failed;
  } catch (err) {
    if (err instanceof InputError) {
      // One line whatever the message quotes: file names and values come from the input.
      io.stderr(terminalSafe(`audit: ${err.message}`));
      return EXIT.unusableInput;
    }
    throw err;
  }
}
