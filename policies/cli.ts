#!/usr/bin/env node
/**
 * `npm run audit -- PATH... [--out DIR] [--fail-on LEVEL] [--waivers FILE]
 *  [--max-waiver-days N] [--cfn-parameter NAME=VALUE]... [--cfn-parameters-file FILE] [--aws-region REGION]
 *  [--vault-bucket NAME]... [--format table|json] [--list-controls] [--quiet]`
 *
 * Exit codes: 0 compliant, 1 controls failed (at or above --fail-on, or a
 * waiver problem), 2 unusable input or usage (one line, no stack trace),
 * 3 an internal error (a bug: printed with its stack).
 *
 * Everything printed passes through `terminal-text`: what the input names
 * (addresses, file names, values in reasons) cannot reach the terminal or the
 * CI log as control characters or workflow commands.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from './errors';
import type { InputFs } from './input-files';
import { terminalSafe, terminalSafeJson, terminalSafeLines } from '../backup/terminal-text';
import type { AuditResult, Control, FindingStatus, IsmsDeclarations, Severity, UnknownMode } from './types';
import type { CloudFormationOptions } from './readers/cloudformation/evaluate';
import type { VariableSetting } from './readers/terraform-module';
import { SEVERITIES, UNKNOWN_MODES } from './types';

// The audit's modules load on first use: `--help` and usage errors answer
// without loading the parsers (yaml, zod) and readers, in a fraction of the time.
const engine = () => require('./engine') as typeof import('./engine');
const gate = () => require('./gate') as typeof import('./gate');
const EXIT = { compliant: 0, failed: 1, unusableInput: 2 } as const;
/** The defaults USAGE states, kept here so --help loads nothing (a test keeps them equal to the engine's and the gate's). */
export const USAGE_DEFAULTS: {
  readonly failOn: Severity;
  readonly unknownMode: UnknownMode;
  readonly maxWaiverDays: number;
  readonly maxWaiverDaysLimit: number;
} = { failOn: 'high', unknownMode: 'block', maxWaiverDays: 365, maxWaiverDaysLimit: 3650 };

export const USAGE = `Usage: npm run audit -- PATH... [options]
  PATH                  Terraform module folder (*.tf, *.tf.json), cdk.tf.json, Terraform plan/state JSON,
                        CloudFormation template, or a folder of them
  --out DIR             write the reports (html, md, json, sarif, junit, oscal) to DIR
  --fail-on LEVEL       lowest severity that fails the run: critical|high|medium|low (default ${USAGE_DEFAULTS.failOn})
  --unknown block|warn  whether findings whose deciding value is only known at apply time block
                        the gate like failures (default block); audit the plan JSON to know them
  --var-file FILE       Terraform variables file for the root module(s) (.tfvars or .tfvars.json; repeatable)
  --var NAME=VALUE      one Terraform root variable (repeatable; later --var / --var-file win, as in Terraform)
  --waivers FILE        waivers file (default policies/waivers.yaml)
  --config FILE         the kit's config: its isms section fills the Statement of Applicability
  --max-waiver-days N   longest a waiver may run from today, in days (default ${USAGE_DEFAULTS.maxWaiverDays}, at most ${USAGE_DEFAULTS.maxWaiverDaysLimit})
  --var-file FILE       Terraform variables file for the root module(s) (.tfvars or .tfvars.json; repeatable)
  --var NAME=VALUE      one Terraform root variable (repeatable; later --var / --var-file win, as in Terraform)
  --cfn-parameter NAME=VALUE
                        CloudFormation parameter value (repeatable; STACK:NAME=VALUE for one stack);
                        parameters without a value use their Default, else their findings are unknown
  --cfn-parameters-file FILE
                        parameters as \`aws cloudformation deploy --parameter-overrides file://FILE\` takes them
                        (["Key=Value"], [{"ParameterKey","ParameterValue"}] or {"Parameters":{…}}); flags win
  --aws-region REGION   region of CloudFormation stacks whose input records none (AWS::Region, TOM-VLT-01)
  --vault-bucket NAME   bucket (logical id or BucketName, repeatable) that is the backup vault: it gets the
                        vault controls, as does a bucket tagged eu-tom-kit:purpose=backup-vault
  --format table|json   output format (default table)
  --detail summary|full what the reports list (default summary: failures, unknowns and waivers in full, passes
                        counted per control, every subject named in compliance.json; full: every finding everywhere)
  --sarif-help-base URL absolute URL of the per-control pages (docs/controls/) for SARIF helpUri
  --sarif-category NAME SARIF automationDetails category (default tom-audit/<PATH...>)
  --list-controls       print the control catalogue instead of auditing
  --verify DIR          check that a report set was not edited since it was written (exit 1 if it was)
  --quiet               print only the blocking failures
Exit codes: 0 compliant, 1 controls failed, 2 unusable input.`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Catalogue override for tests; default the full catalogue. */
  readonly controls?: readonly Control[];
  readonly now?: Date;
  /** File-system calls for the inputs and the waivers; tests inject failures. */
  readonly fs?: InputFs;
}

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];
/** The report detail levels (policies/report/model.ts REPORT_DETAILS), here so --help and usage errors load no writer. */
export const DETAILS = ['summary', 'full'] as const;

/** Left-aligned columns, two spaces apart. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

export function renderControls(controls: readonly Control[], format: Format): string {
  // JSON.stringify drops the check functions: what is left is the catalogue as data.
  if (format === 'json') return JSON.stringify(controls, null, 2);
  const rows = controls.map((c) => [
    c.id,
    c.severity,
    c.scope,
    c.iso27001_2022.join(' '),
    c.gdprArt32.join(''),
    c.tomCategory,
    c.title,
  ]);
  return `${table([['ID', 'SEVERITY', 'SCOPE', 'ISO 27001:2022', 'ART.32', 'TOM CATEGORY', 'TITLE'], ...rows])}\n${controls.length} controls`;
}

const counts = (record: Readonly<Record<FindingStatus, number>>): string =>
  (Object.entries(record) as [FindingStatus, number][]).map(([status, n]) => `${n} ${status}`).join(', ');

export function renderSummary(result: AuditResult, written: readonly string[]): string {
  const { summary } = result;
  const lines = [
    `Audited ${summary.resources} resources in ${result.stacks.length} stack(s) against ${summary.controls} controls (fail-on: ${summary.failOn}).`,
    `Controls: ${counts(summary.controlsByStatus)}`,
    `Findings: ${counts(summary.findings)}`,
  ];
  for (const stack of result.stacks) for (const note of stack.notes ?? []) lines.push(`Note (${stack.name}): ${note}`);
  const { formatFailures, isBlocking } = engine();
  const blocking = formatFailures(result);
  if (blocking.length > 0) lines.push(`Blocking (${blocking.length}):`, ...blocking.map((l) => `  ${l}`));
  const below = result.findings.filter((f) => f.status === 'fail' && !isBlocking(f, summary.failOn)).length;
  if (below > 0) lines.push(`${below} failing finding(s) below ${summary.failOn} do not block (see the reports, or --fail-on low).`);
  const unknowns = summary.findings.unknown;
  if (unknowns > 0) {
    lines.push(
      `${unknowns} finding(s) are unknown: their deciding value is only known at apply time` +
        `${summary.unknownMode === 'warn' ? ' (--unknown warn: not blocking)' : ''}. ` +
        'Pass the values (--var-file for Terraform, --cfn-parameter for CloudFormation where supported), or audit the plan JSON (`terraform show -json`).',
    );
  }
  const notAudited = result.stacks.flatMap((s) => (s.notAudited ?? []).map((n) => `  ${s.name}: ${n}`));
  if (notAudited.length > 0) lines.push(`Not audited (${notAudited.length}):`, ...notAudited);
  if (written.length > 0) lines.push(`Reports: ${written.map(terminalSafe).join(', ')}`);
  lines.push(summary.compliant ? 'COMPLIANT' : 'NOT COMPLIANT');
  return lines.join('\n');
}

class UsageError extends InputError {}

/** The isms section of a kit config; a config that does not validate is unusable input, named with every problem. */
function ismsFrom(file: string): IsmsDeclarations | undefined {
  const { ConfigError, loadConfig } = require('../config/load') as typeof import('../config/load');
  try {
    return loadConfig(file).isms;
  } catch (err) {
    if (err instanceof ConfigError) throw new InputError(err.message);
    throw err;
  }
}

function sarifOptions(helpBase: string | undefined, category: string | undefined): { helpBase?: string; category?: string } {
  if (helpBase !== undefined) {
    try {
      (require('./report/sarif') as typeof import('./report/sarif')).helpBaseUrl(helpBase);
    } catch (err) {
      throw new UsageError(`--sarif-help-base: ${(err as Error).message}; give the absolute http(s) URL of the docs/controls/ folder.`);
    }
  }
  if (category !== undefined && !/^[A-Za-z0-9._\/+-]+$/.test(category)) {
    throw new UsageError(`--sarif-category is "${category}"; allowed: letters, digits and . _ - + /.`);
  }
  return { ...(helpBase !== undefined ? { helpBase } : {}), ...(category !== undefined ? { category } : {}) };
}

/** `--cfn-parameter`, `--cfn-parameters-file`, `--aws-region`, `--vault-bucket` as reader options. */
function cloudFormationOptions(values: {
  'cfn-parameter'?: string[];
  'cfn-parameters-file'?: string;
  'aws-region'?: string;
  'vault-bucket'?: string[];
}): CloudFormationOptions {
  // No prototype: a parameter named `__proto__` or `constructor` is just a name.
  const parameters: Record<string, string> = Object.create(null) as Record<string, string>;
  const file = values['cfn-parameters-file'];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new InputError(`--cfn-parameters-file ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    const { parseParametersFile } = require('./readers/cloudformation/parameters') as typeof import('./readers/cloudformation/parameters');
    const { parseJsonText } = require('./readers/json-text') as typeof import('./readers/json-text');
    Object.assign(parameters, parseParametersFile(parseJsonText(text, file), file));
  }
  for (const flag of values['cfn-parameter'] ?? []) {
    const { parseParameterFlag } = require('./readers/cloudformation/parameters') as typeof import('./readers/cloudformation/parameters');
    const [name, value] = parseParameterFlag(flag);
    parameters[name] = value;
  }
  const region = values['aws-region'];
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new UsageError(`--aws-region is ${JSON.stringify(region)}; expected an AWS region code such as eu-central-1.`);
  }
  const vaultBuckets = values['vault-bucket']?.filter((b) => b !== '');
  return { parameters, ...(region ? { region } : {}), ...(vaultBuckets?.length ? { vaultBuckets } : {}) };
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} is ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}.`);
}

/** An option that names a file or folder: given, it must not be empty (an unset shell variable). */
function pathOption(option: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`--${option} is empty (an unset variable?); name a ${option === 'out' ? 'folder' : 'file'}, or leave the option out.`);
  return value;
}

function maxWaiverDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Digits only: `1e3`, `0x10`, ` 30` and `30.5` are not what anyone means by a number of days.
  const days = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (days >= 1 && days <= USAGE_DEFAULTS.maxWaiverDaysLimit) return days;
  throw new UsageError(`--max-waiver-days is ${JSON.stringify(value)}; allowed: a whole number of days from 1 to ${USAGE_DEFAULTS.maxWaiverDaysLimit}.`);
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        out: { type: 'string' },
        'fail-on': { type: 'string' },
        unknown: { type: 'string' },
        waivers: { type: 'string' },
        config: { type: 'string' },
        'max-waiver-days': { type: 'string' },
        'cfn-parameter': { type: 'string', multiple: true },
        'cfn-parameters-file': { type: 'string' },
        'aws-region': { type: 'string' },
        'vault-bucket': { type: 'string', multiple: true },
        'sarif-help-base': { type: 'string' },
        'sarif-category': { type: 'string' },
        detail: { type: 'string' },
        'var-file': { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        format: { type: 'string' },
        'list-controls': { type: 'boolean' },
        verify: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}`);
  }
}

/** `--var-file` and `--var` in the order given: Terraform lets the later one win. */
function variableSettings(tokens: readonly { kind: string; name?: string; value?: string }[]): VariableSetting[] {
  const out: VariableSetting[] = [];
  for (const t of tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'var-file') out.push({ file: t.value });
    else if (t.name === 'var') {
      const eq = t.value.indexOf('=');
      if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(t.value.slice(0, eq))) {
        throw new UsageError(`--var "${t.value}": expected NAME=VALUE with a Terraform variable name.`);
      }
      out.push({ name: t.value.slice(0, eq), value: t.value.slice(eq + 1) });
    }
  }
  return out;
}

/** Runs the CLI on `argv` (without node and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals, tokens } = parse(argv);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.compliant;
    }
    const format = oneOf('format', values.format, FORMATS, 'table');
    const failOn: Severity = oneOf('fail-on', values['fail-on'], SEVERITIES, USAGE_DEFAULTS.failOn);
    const unknownMode = oneOf('unknown', values.unknown, UNKNOWN_MODES, USAGE_DEFAULTS.unknownMode);
    const detail = oneOf('detail', values.detail, DETAILS, 'summary');
    if (values.verify !== undefined) {
      const { verifyReports } = require('./report/verify') as typeof import('./report/verify');
      const outcome = verifyReports(pathOption('verify', values.verify)!);
      outcome.lines.forEach((l) => io.stdout(terminalSafe(l)));
      io.stdout(`compliance.json sha256 ${outcome.reportSha256}`);
      io.stdout(outcome.ok ? 'VERIFIED: no report file changed since it was written' : 'NOT VERIFIED: report files changed or missing');
      return outcome.ok ? EXIT.compliant : EXIT.failed;
    }
    if (values['list-controls']) {
      io.stdout(renderControls(io.controls ?? gate().catalogue(), format));
      return EXIT.compliant;
    }
    if (positionals.length === 0) throw new UsageError('no PATH given.');
    if (positionals.some((p) => p.trim() === '')) throw new UsageError('an empty PATH was given (an unset variable?).');
    const out = pathOption('out', values.out);
    const waiversFile = pathOption('waivers', values.waivers);
    const maxDays = maxWaiverDays(values['max-waiver-days']);
    const { auditPathsAsync, checkOutDir, waiversFileRead, withProvenance, writeReportFiles } = gate();
    if (out !== undefined) checkOutDir(out, io.fs);

    const isms = values.config ? ismsFrom(values.config) : undefined;
    const cloudformation = cloudFormationOptions(values);
    const sarif = sarifOptions(values['sarif-help-base'], values['sarif-category']);
    const variables = variableSettings(tokens ?? []);
    const result = await auditPathsAsync({
      paths: positionals,
      variables,
      cloudformation,
      isms,
      failOn,
      unknownMode,
      waiversFile,
      maxWaiverDays: maxDays,
      controls: io.controls,
      now: io.now,
      fs: io.fs,
    });
    const written =
      out !== undefined
        ? await writeReportFiles(withProvenance(result, out, { waivers: waiversFileRead(waiversFile, io.fs), config: values.config }), out, { sarif, detail })
        : [];
    if (format === 'json') io.stdout(terminalSafeJson(JSON.stringify(result, null, 2)));
    else if (values.quiet) {
      // One write: an estate with 20,000 blocking findings printed them with as many system calls.
      const lines = engine().formatFailures(result);
      if (lines.length > 0) io.stdout(lines.join('\n'));
    }
    else io.stdout(terminalSafeLines(renderSummary(result, written)));
    return result.summary.compliant ? EXIT.compliant : EXIT.failed;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // One line whatever the message quotes (file names and values come from the input), then the usage for a usage error.
    io.stderr(`${terminalSafe(`audit: ${err.message}`)}${err instanceof UsageError ? `\n${USAGE}` : ''}`);
    return EXIT.unusableInput;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${terminalSafeLines(`audit: internal error (a bug, please report it): ${(err as Error)?.stack ?? String(err)}`)}\n`);
      process.exitCode = 3;
    },
  );
}
