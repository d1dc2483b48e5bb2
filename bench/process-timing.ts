/**
 * Wall time of a whole process, as a developer or a CI job waits for it
 * (`npm run synth`, `npm run -s audit -- --help`): several runs, min / median /
 * max, against the target. The load average is printed beside it: other
 * processes on the machine only ever add time.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface ProcessTiming {
  readonly label: string;
  readonly runs: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly targetMs: number;
}

export interface TimeProcessOptions {
  readonly cwd: string;
  readonly runs: number;
  readonly targetMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as a normal run (default 0 only). */
  readonly codes?: readonly number[];
}

export function timeProcess(label: string, command: string, args: readonly string[], options: TimeProcessOptions): ProcessTiming {
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    const res = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (!(options.codes ?? [0]).includes(res.status ?? -1)) throw new Error(`${label}: exited ${res.status}: ${res.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { label, runs: times.length, minMs: times[0], medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1], targetMs: options.targetMs };
}

export function formatTiming(t: ProcessTiming): string {
  const ms = (n: number): string => n.toFixed(0);
  const verdict = t.medianMs <= t.targetMs ? 'meets' : 'misses';
  return (
    `${t.label} (whole process, ${t.runs} runs): min ${ms(t.minMs)} / median ${ms(t.medianMs)} / max ${ms(t.maxMs)} ms; ` +
    `target ${ms(t.targetMs)} ms: the median ${verdict} it (load average ${loadavg()[0].toFixed(1)} on this machine)`
  );
}
