/**
 * Whole-process CLI timing, what a CI job or a developer waits for: `--help`
 * and an audit of 20 generated resources, each run from the compiled
 * JavaScript in dist/ (what `npm run audit` and the `tom-audit` bin run) and
 * through ts-node (what they ran before: every start compiled the sources).
 * Median of a few runs; dist/ is brought up to date first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateStacks } from './generate';
import { timeProcess, type ProcessTiming } from './process-timing';

const ROOT = resolve(__dirname, '..');
const RUNS = 5;

export interface CliTiming {
  readonly label: string;
  readonly compiledMs: number;
  readonly tsNodeMs: number;
}

function medianMs(args: readonly string[], expectCodes: readonly number[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (!expectCodes.includes(res.status ?? -1)) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Writes 20 generated cdktf resources (one stack) and returns the folder. */
function twentyResources(dir: string): string {
  const [stack] = generateStacks(20).filter((s) => s.kind === 'cdktf');
  const folder = join(dir, 'cdktf.out', 'stacks', stack.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'cdk.tf.json'), JSON.stringify(stack.doc, null, 2));
  return join(dir, 'cdktf.out');
}

export function timeCliStart(): CliTiming[] {
  const ensure = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-dist.js'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (ensure.status !== 0) throw new Error(`scripts/ensure-dist.js: ${ensure.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'tom-bench-cli-'));
  try {
    const input = twentyResources(dir);
    const compiled = [join(ROOT, 'dist', 'policies', 'cli.js')];
    const tsNode = ['-r', 'ts-node/register/transpile-only', join(ROOT, 'policies', 'cli.ts')];
    const cases: [string, string[], number[]][] = [
      ['--help', ['--help'], [0]],
      ['audit of 20 resources', [input, '--quiet'], [0, 1]],
    ];
    return cases.map(([label, args, codes]) => ({
      label,
      compiledMs: medianMs([...compiled, ...args], codes),
      tsNodeMs: medianMs([...tsNode, ...args], codes),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run -s audit -- --help` as a whole process: npm itself, the freshness check of dist/, the CLI. */
export function timeNpmHelp(runs = 9): ProcessTiming {
  return timeProcess('npm run -s audit -- --help', 'npm', ['run', '-s', 'audit', '--', '--help'], { cwd: ROOT, runs, targetMs: 500 });
}

if (require.main === module) {
  for (const t of timeCliStart()) console.log(`${t.label}: ${t.compiledMs.toFixed(0)} ms compiled, ${t.tsNodeMs.toFixed(0)} ms ts-node`);
}
