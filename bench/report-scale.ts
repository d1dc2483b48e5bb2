/**
 * Report scale (issue 11): the whole `tom-audit PATH --out DIR` process, from
 * the compiled dist/, on one generated cdk.tf.json of 20 and of 20,000
 * resources (and 100,000), with its wall time, peak memory and the size of
 * every report it wrote. Targets: at most 1.5 s more for 20,000 resources
 * than for 20, peak memory at most 500 MB, all reports together at most
 * 25 MB with compliance.html at most 5 MB; 100,000 resources within 2 GB.
 * Peak memory is the child's maximum resident set: from `/usr/bin/time -v`
 * where present, else from process.resourceUsage() reported by a wrapper.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateStacks } from './generate';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist', 'policies', 'cli.js');
const GNU_TIME = '/usr/bin/time';
export const SCALE_SIZES = [20, 20_000, 100_000];
const MB = 1024 * 1024;
const TARGETS = { extraMs: 1_500, peakMb: 500, totalMb: 25, htmlMb: 5, hugePeakMb: 2_048 };

export interface ScaleRun {
  readonly resources: number;
  readonly wallMs: number;
  readonly peakMb: number;
  readonly exitCode: number;
  /** Report file → bytes, in name order. */
  readonly sizes: readonly (readonly [string, number])[];
  readonly totalBytes: number;
  /** Findings by status, from compliance.json's summary. */
  readonly findings: Readonly<Record<string, number>>;
}

/**
 * One cdktf stack of at least `count` Terraform resources: the generator's
 * units merged into one cdk.tf.json (each unit's resources have their own
 * names; the stack-wide ones appear once).
 */
export function writeOneStack(dir: string, count: number): string {
  // A unit has 17 Terraform resources (its other 3 are CloudFormation, left out here).
  const stacks = generateStacks(Math.ceil(count / 17) * 20).filter((s) => s.kind === 'cdktf');
  const resource: Record<string, Record<string, unknown>> = {};
  for (const s of stacks) {
    for (const [type, byName] of Object.entries((s.doc as { resource: Record<string, Record<string, unknown>> }).resource)) {
      Object.assign((resource[type] ??= {}), byName);
    }
  }
  const doc = { ...stacks[0].doc, '//': { metadata: { stackName: 'platform', backend: 's3', version: '0.21.0' } }, resource };
  const folder = join(dir, 'cdktf.out', 'stacks', 'platform');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

/** The child's peak RSS: GNU time's report, or the wrapper's last stderr line. */
function runMeasured(args: readonly string[]): { wallMs: number; peakMb: number; status: number; stderr: string } {
  const gnu = existsSync(GNU_TIME);
  const command = gnu ? GNU_TIME : process.execPath;
  const argv = gnu
    ? ['-v', process.execPath, ...args]
    : ['-e', `process.argv.splice(1, 1); process.on('exit', () => process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n')); require(${JSON.stringify(args[0])});`, '--', ...args];
  const start = performance.now();
  const res = spawnSync(command, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MB });
  const wallMs = performance.now() - start;
  const kb = gnu ? /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr)?.[1] : /MAXRSS_KB (\d+)/.exec(res.stderr)?.[1];
  return { wallMs, peakMb: kb ? Number(kb) / 1024 : Number.NaN, status: res.status ?? -1, stderr: res.stderr };
}

/**
 * Best of `repeats` runs on one generated input: the machine is shared, and
 * the fastest run is the one least slowed by its neighbours (peak memory is
 * the highest of the runs).
 */
export function runScale(resources: number, repeats = 1): ScaleRun {
  const dir = mkdtempSync(join(tmpdir(), `tom-report-scale-${resources}-`));
  try {
    const input = writeOneStack(dir, resources);
    const out = join(dir, 'reports');
    let run: ReturnType<typeof runMeasured> | undefined;
    for (let i = 0; i < repeats; i++) {
      rmSync(out, { recursive: true, force: true });
      const next = runMeasured([CLI, input, '--out', out, '--quiet']);
      if (next.status !== 0 && next.status !== 1) throw new Error(`audit of ${resources} resources exited ${next.status}: ${next.stderr.slice(0, 2000)}`);
      run = !run ? next : { ...(next.wallMs < run.wallMs ? next : run), peakMb: Math.max(run.peakMb, next.peakMb) };
    }
    if (!run) throw new Error('no run');
    const sizes = readdirSync(out)
      .sort()
      .map((name) => [name, statSync(join(out, name)).size] as const);
    const findings = (JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')) as { summary: { findings: Record<string, number> } }).summary.findings;
    return { resources, wallMs: run.wallMs, peakMb: run.peakMb, exitCode: run.status, sizes, totalBytes: sizes.reduce((n, [, b]) => n + b, 0), findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / MB).toFixed(2);
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER TARGET');

/** Runs per size: the best of three for the sizes the time target compares, one for the largest. */
const REPEATS: Readonly<Record<number, number>> = { 20: 3, 20_000: 3 };

export function reportScale(sizes: readonly number[] = SCALE_SIZES): string[] {
  const ensure = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-dist.js'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (ensure.status !== 0) throw new Error(`scripts/ensure-dist.js: ${ensure.stderr}`);
  const runs = sizes.map((n) => runScale(n, REPEATS[n] ?? 1));
  const names = [...new Set(runs.flatMap((r) => r.sizes.map(([n]) => n)))];
  const header = ['resources', 'failing', 'exit', 'wall ms', 'peak MB', ...names.map((n) => `${n} MB`), 'total MB'];
  const rows = [header, ...runs.map((r) => [String(r.resources), String(r.findings.fail ?? 0), String(r.exitCode), r.wallMs.toFixed(0), r.peakMb.toFixed(0), ...names.map((n) => mb(r.sizes.find(([x]) => x === n)?.[1] ?? 0)), mb(r.totalBytes)])];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = [
    'Report scale: whole `tom-audit PATH --out DIR --quiet` process (dist/), one generated cdk.tf.json; every failing finding is listed in every format but SARIF (its 5,000 most severe: what GitHub code scanning stores); ' +
      `wall time the best of ${REPEATS[20_000]} runs for 20 and 20,000 resources`,
    ...rows.map((r) => r.map((c, i) => c.padStart(widths[i])).join('  ')),
  ];
  const small = runs.find((r) => r.resources === 20);
  const large = runs.find((r) => r.resources === 20_000);
  const huge = runs.find((r) => r.resources === 100_000);
  if (small && large) {
    const extra = large.wallMs - small.wallMs;
    const html = large.sizes.find(([n]) => n === 'compliance.html')?.[1] ?? 0;
    lines.push(
      `20,000 vs 20 resources: +${extra.toFixed(0)} ms (target ≤ ${TARGETS.extraMs}: ${verdict(extra <= TARGETS.extraMs)}); ` +
        `peak ${large.peakMb.toFixed(0)} MB (≤ ${TARGETS.peakMb}: ${verdict(large.peakMb <= TARGETS.peakMb)}); ` +
        `reports ${mb(large.totalBytes)} MB (≤ ${TARGETS.totalMb}: ${verdict(large.totalBytes <= TARGETS.totalMb * MB)}); ` +
        `HTML ${mb(html)} MB (≤ ${TARGETS.htmlMb}: ${verdict(html <= TARGETS.htmlMb * MB)}).`,
    );
  }
  if (huge) lines.push(`100,000 resources: peak ${huge.peakMb.toFixed(0)} MB (≤ ${TARGETS.hugePeakMb}: ${verdict(huge.peakMb <= TARGETS.hugePeakMb)}), ${huge.wallMs.toFixed(0)} ms.`);
  return lines;
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const line of reportScale(sizes.length ? sizes : SCALE_SIZES)) console.log(line);
}
