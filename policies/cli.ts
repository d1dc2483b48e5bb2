/**
 * `npm run audit -- PATH... [--out DIR] [--fail-on LEVEL] [--waivers FILE]
 *  [--format table|json] [--list-controls] [--quiet]`
 *
 * Exit codes: 0 compliant, 1 controls failed (at or above --fail-on, or a
 * waiver problem), 2 unusable input or usage (one line, no stack trace),
 * 3 an internal error (a bug: printed with its stack).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FAIL_ON, DEFAULT_UNKNOWN_MODE, formatFailures, isBlocking } from './engine';
import { InputError } from './errors';
import { auditPaths, catalogue, EXIT, writeReportFiles } from './gate';
import type { VariableSetting } from './readers/terraform-module';
import type { AuditResult, Control, FindingStatus, Severity } from './types';
import { SEVERITIES, UNKNOWN_MODES } from './types';

export const USAGE = `Usage: npm run audit -- PATH... [options]
  PATH                  Terraform module folder (*.tf, *.tf.json), cdk.tf.json, Terraform plan/state JSON,
                        CloudFormation template, or a folder of them
  --out DIR             write the reports (html, md, json, sarif, junit, oscal) to DIR
  --fail-on LEVEL       lowest severity that fails the run: critical|high|medium|low (default ${DEFAULT_FAIL_ON})
  --unknown block|warn  whether findings whose deciding value is only known at apply time block
                        the gate like failures (default block); audit the plan JSON to know them
  --var-file FILE       Terraform variables file for the root module(s) (.tfvars or .tfvars.json; repeatable)
  --var NAME=VALUE      one Terraform root variable (repeatable; later --var / --var-file win, as in Terraform)
  --waivers FILE        waivers file (default policies/waivers.yaml)
  --format table|json   output format (default table)
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
        'var-file': { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        format: { type: 'string' },
        'list-controls': { type: 'boolean' },
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
    const failOn: Severity = oneOf('fail-on', values['fail-on'], SEVERITIES, DEFAULT_FAIL_ON);
    const unknownMode = oneOf('unknown', values.unknown, UNKNOWN_MODES, DEFAULT_UNKNOWN_MODE);
    if (values['list-controls']) {
      io.stdout(renderControls(io.controls ?? catalogue(), format));
      return EXIT.compliant;
    }
    if (positionals.length === 0) throw new UsageError('no PATH given.');

    const variables = variableSettings(tokens ?? []);
    const result = await auditPaths({ paths: positionals, failOn, unknownMode, waiversFile: values.waivers, controls: io.controls, now: io.now, variables });
    const written = values.out ? await writeReportFiles(result, values.out) : [];
    if (format === 'json') io.stdout(JSON.stringify(result, null, 2));
    else if (values.quiet) formatFailures(result).forEach((l) => io.stdout(l));
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
