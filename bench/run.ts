/**
 * `npm run bench`: audit throughput over generated synth output of 1,000,
 * 10,000 and 100,000 resources. For each size it prints the median time to
 * read the files into an inventory, and the median time of the audit itself
 * (index build + every control + waivers), with resources per second.
 * Target: 10,000 resources × all controls in under 300 ms, growing linearly.
 * It then prints how the audit time grows from size to size (linear: 10×),
 * and names the slowest controls and those whose cost grows faster than the
 * inventory, since one check that scans every resource for every resource
 * dominates everything else. Every size always runs: a size left out would
 * hide exactly the regression the benchmark is for.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CONTROLS } from '../policies/catalog/index';
import { audit, evaluateControl } from '../policies/engine';
import { buildIndex } from '../policies/inventory-index';
import { readInventory } from '../policies/inventory';
import type { AuditResult, Control, Inventory, InventoryIndex } from '../policies/types';
import { pass } from '../policies/types';
import { generateStacks } from './generate';
import { timeCliStart, timeNpmHelp } from './cli-start';
import { formatTiming } from './process-timing';
import { reportScale } from './report-scale';
import { timeNpmSynth, timeReferenceSynth } from './synth';
import { summarise as summariseTerraform, timeTerraformModules } from './terraform-modules';

const SIZES = [1_000, 10_000, 100_000];
const RUNS: Record<number, number> = { 1_000: 9, 10_000: 5, 100_000: 3 };
/** A check whose own cost grows more than this factor for 10× the resources is flagged as not linear. */
const NON_LINEAR_FACTOR = 25;
/**
 * A check whose own time at the larger size stays below this is not flagged,
 * whatever its growth: it costs a few per cent of the audit, and at that size
 * growth is mostly heap and cache effects and other processes' noise.
 */
const NOISE_MS = 50;
/** Own costs below this (ms at the smaller size) count as this much: sub-millisecond timings are mostly JIT and timer noise. */
const FLOOR_MS = 0.5;
/**
 * Runs per control for its cost. The fastest counts: other processes on the
 * machine and collections of earlier garbage only ever add time, and a check
 * that scans everything for every subject is slow in every run.
 */
const CONTROL_RUNS = 3;

const controls = CONTROLS;

/** Writes the generated stacks the way cdktf and CDK lay them out. */
function writeSynthOutput(dir: string, size: number): void {
  const artifacts: Record<string, unknown> = {};
  for (const s of generateStacks(size)) {
    if (s.kind === 'cdktf') {
      mkdirSync(join(dir, 'cdktf.out', 'stacks', s.name), { recursive: true });
      writeFileSync(join(dir, 'cdktf.out', 'stacks', s.name, 'cdk.tf.json'), JSON.stringify(s.doc, null, 2));
    } else {
      mkdirSync(join(dir, 'cdk.out'), { recursive: true });
      writeFileSync(join(dir, 'cdk.out', `${s.name}.template.json`), JSON.stringify(s.doc, null, 1));
      artifacts[s.name] = { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/eu-central-1', properties: { templateFile: `${s.name}.template.json` } };
    }
  }
  writeFileSync(join(dir, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }));
}

function median<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], value };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const perSecond = (count: number, ms: number): string => fmt((count / ms) * 1000);

/**
 * A full garbage collection, so the previous control's garbage is not
 * collected on the next one's time. Node exposes `gc` only when asked at
 * startup (`--expose-gc`) or through V8 flags, as here.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const DECIDES_NOTHING = pass('benchmark baseline');

/** The control with a check that decides nothing: what the engine alone spends on its subjects and findings. */
function engineOnly(c: Control): Control {
  switch (c.scope) {
    case 'resource':
      return { ...c, check: () => DECIDES_NOTHING };
    case 'stack':
      return { ...c, check: () => DECIDES_NOTHING };
    case 'inherited':
    case 'isms':
    case 'live':
      return c;
  }
}

interface ControlCost {
  /** Evaluation time of the control on a shared index (the sum over controls is about one audit). */
  readonly ms: number;
  /**
   * The check's own share: `ms` less the engine's time for the same subjects.
   * The engine's cost per finding rises with the inventory (a bigger heap,
   * findings outliving the young generation), which says nothing about the
   * check; a check that scans everything for every subject shows up here.
   */
  readonly ownMs: number;
}

function timeControl(c: Control, index: InventoryIndex): number {
  collectGarbage();
  let fastest = Infinity;
  for (let i = 0; i < CONTROL_RUNS; i++) {
    const start = performance.now();
    evaluateControl(c, index);
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function controlCosts(inventory: Inventory): Map<string, ControlCost> {
  const index = buildIndex(inventory);
  return new Map(
    controls.map((c) => {
      const ms = timeControl(c, index);
      return [c.id, { ms, ownMs: Math.max(0, ms - timeControl(engineOnly(c), index)) }];
    }),
  );
}

/** How much longer each size's audit took than the previous size's, against the growth in resources. */
function growthNote(audits: readonly { readonly resources: number; readonly ms: number }[]): string | undefined {
  if (audits.length < 2) return undefined;
  const steps = audits.slice(1).map((a, i) => {
    const b = audits[i];
    return `${fmt(b.resources)} → ${fmt(a.resources)}: ${fmt(a.ms / b.ms, 1)}× the time for ${fmt(a.resources / b.resources, 1)}× the resources`;
  });
  return `Audit growth: ${steps.join('; ')} (linear: the same factor).`;
}

/** The slowest controls at the largest size, and those whose checks' own cost grew much faster than the inventory. */
function costNotes(costs: ReadonlyMap<number, Map<string, ControlCost>>): string[] {
  const sizes = [...costs.keys()];
  const largest = sizes[sizes.length - 1];
  const ranked = [...costs.get(largest)!].sort((a, b) => b[1].ms - a[1].ms);
  const notes = [`Slowest controls at ${fmt(largest)} resources: ${ranked.slice(0, 5).map(([id, c]) => `${id} ${fmt(c.ms, 1)} ms`).join(', ')}`];
  const previous = sizes.length > 1 ? costs.get(sizes[sizes.length - 2])! : undefined;
  const ownBefore = (id: string): number => previous?.get(id)?.ownMs ?? 0;
  const nonLinear = previous ? ranked.filter(([id, c]) => c.ownMs >= NOISE_MS && c.ownMs > NON_LINEAR_FACTOR * Math.max(ownBefore(id), FLOOR_MS)) : [];
  notes.push(
    nonLinear.length === 0
      ? `Linear: no check's own time reaches ${NOISE_MS} ms at ${fmt(largest)} resources with more than ${NON_LINEAR_FACTOR}× growth for 10× the resources.`
      : `Not linear (the check's own time, engine excluded, more than ${NON_LINEAR_FACTOR}× for 10× the resources): ` +
          nonLinear.map(([id, c]) => `${id} ${fmt(ownBefore(id), 1)} → ${fmt(c.ownMs, 1)} ms`).join(', '),
  );
  return notes;
}

async function main(): Promise<void> {
  console.log(`Audit benchmark: the ${controls.length} catalogue controls; median of ${Object.values(RUNS).join('/')} runs`);
  const header = ['resources', 'stacks', 'parse ms', 'parse res/s', 'audit ms', 'audit res/s', 'µs/resource', 'findings'];
  const rows: string[][] = [header];
  const audits: { resources: number; ms: number }[] = [];
  const costsBySize = new Map<number, Map<string, ControlCost>>();
  for (const size of SIZES) {
    const runs = RUNS[size];
    const dir = mkdtempSync(join(tmpdir(), `audit-bench-${size}-`));
    try {
      writeSynthOutput(dir, size);
      const parse = median(runs, (): Inventory => readInventory([dir]));
      const inventory = parse.value;
      audit({ inventory, controls }); // warm-up: JIT and lazy catalogue state
      const run = median(runs, (): AuditResult => audit({ inventory, controls }));
      const n = inventory.resources.length;
      rows.push([fmt(n), fmt(inventory.stacks.length), fmt(parse.ms, 1), perSecond(n, parse.ms), fmt(run.ms, 1), perSecond(n, run.ms), fmt((run.ms * 1000) / n, 2), fmt(run.value.findings.length)]);
      audits.push({ resources: n, ms: run.ms });
      costsBySize.set(size, controlCosts(inventory));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));
  const notes = [growthNote(audits), ...costNotes(costsBySize)];
  for (const note of notes) if (note) console.log(note);
  const tf = timeTerraformModules();
  const { median: m, minMs, maxMs } = summariseTerraform(tf);
  console.log(
    `Terraform modules (${fmt(tf.files)} .tf files, ${fmt(tf.resources)} resources, HCL via hcl2json): read (parse + evaluate) ${fmt(m.readMs)} ms, ` +
      `audit ${fmt(m.auditMs)} ms, total ${fmt(m.readMs + m.auditMs)} ms, median of ${tf.runs.length} fresh processes (totals ${fmt(minMs)}–${fmt(maxMs)} ms; ` +
      `${availableParallelism()} cores; target under 3,000 ms; JSON input above).`,
  );
  const synth = await timeReferenceSynth();
  console.log(
    `Reference deployment (config/example.yaml, ${synth.resources} resources): cdktf synth ${synth.cdktfMs.toFixed(0)} ms, ` +
      `vault synth with cdk-nag ${synth.vaultMs.toFixed(0)} ms, audit of the output ${synth.auditMs.toFixed(0)} ms (first run, in-process).`,
  );
  // Whole processes, start-up included: what `npm run audit` / `tom-audit` cost before any work.
  console.log(formatTiming(timeNpmSynth()));
  for (const t of timeCliStart()) {
    console.log(`CLI ${t.label} (whole process, median of 5): ${t.compiledMs.toFixed(0)} ms from dist/, ${t.tsNodeMs.toFixed(0)} ms through ts-node.`);
  }
  console.log(formatTiming(timeNpmHelp()));
  for (const line of reportScale()) console.log(line);
}

void main();
