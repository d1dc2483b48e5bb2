#!/usr/bin/env node
/**
 * `npm run audit -- PATH... [--out DIR] [--fail-on LEVEL] [--waivers FILE]
 *  [--format table|json] [--list-controls] [--quiet]`
 *
 * Exit codes: 0 compliant, 1 controls failed (at or above --fail-on, or a
 * waiver problem), 2 unusable input or usage (one line, no stack trace),
 * 3 an internal error (a bug: printed with its stack).
 */
import { parseArgs } from 'node:util';
import { InputError } from './errors';
import type { AuditResult, Control, FindingStatus, Severity, UnknownMode } from './types';
import { SEVERITIES, UNKNOWN_MODES } from './types';

// The audit's modules load on first use: `--help` and usage errors answer
// without loading the parsers (yaml, zod) and readers, in a fraction of the time.
const engine = () => require('./engine') as typeof import('./engine');
const gate = () => require('./gate') as typeof import('./gate');
const EXIT = { compliant: 0, failed: 1, unusableInput: 2 } as const;
/** The engine's defaults, as USAGE states them (a test keeps them equal). */
export const USAGE_DEFAULTS: { readonly failOn: Severity; readonly unknownMode: UnknownMode } = { failOn: 'high', unknownMode: 'block' };

export const USAGE = `Usage: npm run audit -- PATH... [options]
  PATH                  cdk.tf.json, Terraform plan/state JSON, CloudFormation template, or a folder of them
  --out DIR             write the reports (html, md, json, sarif, junit, oscal) to DIR
  --fail-on LEVEL       lowest severity that fails the run: critical|high|medium|low (default ${USAGE_DEFAULTS.failOn})
  --unknown block|warn  whether findings whose deciding value is only known at apply time block
                        the gate like failures (default block); audit the plan JSON to know them
  --waivers FILE        waivers file (default policies/waivers.yaml)
  --format table|json   output format (default table)
  --sarif-help-base URL absolute URL of the per-control pages (docs/controls/) for SARIF helpUri
  --sarif-category NAME SARIF automationDetails category (default tom-audit/<PATH...>)
  --list-controls       print the control catalogue instead of auditing
  --quiet               print only the blocking failures
Exit codes: 0 compliant, 1 controls failed, 2 unusable input.`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Catalogue override for tests; default the full catalogue. */
  readonly controls?: readonly Control[];
  readonly now?: Date;
}

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];

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
  if (written.length > 0) lines.push(`Reports: ${written.join(', ')}`);
  lines.push(summary.compliant ? 'COMPLIANT' : 'NOT COMPLIANT');
  return lines.join('\n');
}

class UsageError extends InputError {}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} is "${value}"; allowed: ${allowed.join(', ')}.`);
}

/** SARIF options from the flags, checked before anything is read or written. */
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

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        'fail-on': { type: 'string' },
        unknown: { type: 'string' },
        waivers: { type: 'string' },
        format: { type: 'string' },
        'sarif-help-base': { type: 'string' },
        'sarif-category': { type: 'string' },
        'list-controls': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}`);
  }
}

/** Runs the CLI on `argv` (without node and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.compliant;
    }
    const format = oneOf('format', values.format, FORMATS, 'table');
    const failOn: Severity = oneOf('fail-on', values['fail-on'], SEVERITIES, engine().DEFAULT_FAIL_ON);
    const unknownMode = oneOf('unknown', values.unknown, UNKNOWN_MODES, engine().DEFAULT_UNKNOWN_MODE);
    if (values['list-controls']) {
      io.stdout(renderControls(io.controls ?? gate().catalogue(), format));
      return EXIT.compliant;
    }
    if (positionals.length === 0) throw new UsageError('no PATH given.');

    const sarif = sarifOptions(values['sarif-help-base'], values['sarif-category']);
    const { auditPaths, writeReportFiles } = gate();
    const result = auditPaths({ paths: positionals, failOn, unknownMode, waiversFile: values.waivers, controls: io.controls, now: io.now });
    const written = values.out ? await writeReportFiles(result, values.out, { sarif }) : [];
    if (format === 'json') io.stdout(JSON.stringify(result, null, 2));
    else if (values.quiet) engine().formatFailures(result).forEach((l) => io.stdout(l));
    else io.stdout(renderSummary(result, written));
    return result.summary.compliant ? EXIT.compliant : EXIT.failed;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr(`audit: ${err.message}${err instanceof UsageError ? `\n${USAGE}` : ''}`);
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
      process.stderr.write(`audit: internal error (a bug, please report it): ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
