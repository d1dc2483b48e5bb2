/**
 * `npm run bench`: audit throughput over generated synth output of 1,000,
 * 10,000 and 100,000 resources. For each size it prints the median time to
 * read the files into an inventory, and the median time of the audit itself
 * (index build + every control + waivers), with resources per second.
 * Target: 10,000 resources × all controls in under 300 ms, growing linearly.
 * It then names the slowest controls and those whose cost grows faster than
 * the inventory, since one check that scans every resource for every resource
 * dominates everything else; a size whose audit would take longer than the
 * time budget is skipped, with its estimate.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONTROLS } from '../policies/catalog/index';
import { audit, evaluateControl } from '../policies/engine';
import { buildIndex } from '../policies/inventory-index';
import { readInventory } from '../policies/inventory';
import type { AuditResult, Inventory } from '../policies/types';
import { generateStacks } from './generate';
import { syntheticControls } from './synthetic-controls';

const SIZES = [1_000, 10_000, 100_000];
/** Below this many real controls, synthetic ones fill up so the numbers mean something. */
const MIN_CONTROLS = 40;
const RUNS: Record<number, number> = { 1_000: 9, 10_000: 5, 100_000: 3 };
/** A control whose cost grows more than this factor for 10× the resources is flagged as not linear. */
const NON_LINEAR_FACTOR = 25;
/** Below this (ms at the larger size) growth is lost in timer noise. */
const NOISE_MS = 20;
/** Longest a size's audit runs may take together, estimated linearly from the previous size. */
const BUDGET_MS = 120_000;

const controls = [...CONTROLS, ...syntheticControls(MIN_CONTROLS - CONTROLS.length)];

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

/** Each control's evaluation time on one shared index (their sum is about one audit). */
function controlCosts(inventory: Inventory): Map<string, number> {
  const index = buildIndex(inventory);
  return new Map(controls.map((c) => [c.id, median(1, () => evaluateControl(c, index)).ms]));
}

/** The slowest controls at the largest size, and those whose cost grew much faster than the inventory. */
function costNotes(costs: ReadonlyMap<number, Map<string, number>>): string[] {
  const sizes = [...costs.keys()];
  const largest = sizes[sizes.length - 1];
  const ranked = [...costs.get(largest)!].sort((a, b) => b[1] - a[1]);
  const notes = [`Slowest controls at ${fmt(largest)} resources: ${ranked.slice(0, 5).map(([id, ms]) => `${id} ${fmt(ms, 1)} ms`).join(', ')}`];
  const previous = sizes.length > 1 ? costs.get(sizes[sizes.length - 2])! : undefined;
  const nonLinear = previous ? ranked.filter(([id, ms]) => ms >= NOISE_MS && ms > NON_LINEAR_FACTOR * Math.max(previous.get(id) ?? 0, 0.05)) : [];
  if (previous && nonLinear.length > 0) {
    notes.push(
      `Not linear (more than ${NON_LINEAR_FACTOR}× the time for 10× the resources): ` +
        nonLinear.map(([id, ms]) => `${id} ${fmt(previous.get(id) ?? 0, 1)} → ${fmt(ms, 1)} ms`).join(', '),
    );
  }
  return notes;
}

function main(): void {
  console.log(`Audit benchmark: ${CONTROLS.length} catalogue controls + ${controls.length - CONTROLS.length} synthetic = ${controls.length} controls; median of ${Object.values(RUNS).join('/')} runs`);
  const header = ['resources', 'stacks', 'parse ms', 'parse res/s', 'audit ms', 'audit res/s', 'µs/resource', 'findings'];
  const rows: string[][] = [header];
  const notes: string[] = [];
  let lastAudit: { resources: number; ms: number } | undefined;
  const costsBySize = new Map<number, Map<string, number>>();
  for (const size of SIZES) {
    const runs = RUNS[size];
    const estimate = lastAudit ? (lastAudit.ms / lastAudit.resources) * size * (runs + 1) : 0;
    if (estimate > BUDGET_MS) {
      notes.push(`${fmt(size)} resources skipped: its audit runs would take about ${fmt(estimate / 1000)} s (budget ${BUDGET_MS / 1000} s).`);
      continue;
    }
    const dir = mkdtempSync(join(tmpdir(), `audit-bench-${size}-`));
    try {
      writeSynthOutput(dir, size);
      const parse = median(runs, (): Inventory => readInventory([dir]));
      const inventory = parse.value;
      audit({ inventory, controls }); // warm-up: JIT and lazy catalogue state
      const run = median(runs, (): AuditResult => audit({ inventory, controls }));
      const n = inventory.resources.length;
      rows.push([fmt(n), fmt(inventory.stacks.length), fmt(parse.ms, 1), perSecond(n, parse.ms), fmt(run.ms, 1), perSecond(n, run.ms), fmt((run.ms * 1000) / n, 2), fmt(run.value.findings.length)]);
      lastAudit = { resources: n, ms: run.ms };
      costsBySize.set(size, controlCosts(inventory));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));
  if (costsBySize.size > 0) notes.unshift(...costNotes(costsBySize));
  for (const note of notes) console.log(note);
}

main();
