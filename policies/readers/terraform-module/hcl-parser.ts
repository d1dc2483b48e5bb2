/**
 * HashiCorp's HCL parser as `@cdktf/hcl2json` ships it (Go compiled to
 * WebAssembly, with Go's own JavaScript glue), run on worker threads.
 *
 * Why not the package's `parse()`: its single instance runs on the main
 * thread, where one parse at a time leaves the other cores idle, and a parse
 * that never answers can only be waited out. Here the module is compiled once
 * and instantiated on up to one worker per core; each file is still parsed on
 * its own (so every error and every block stays with its file), and a worker
 * that does not answer in time is terminated.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

/** A compiled WebAssembly module (the lib settings here carry no WebAssembly types). */
type WasmModule = object;
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule } }).WebAssembly;

const PACKAGE_DIR = dirname(require.resolve('@cdktf/hcl2json/package.json'));

let compiled: WasmModule | undefined;

/**
 * The package's parser, decompressed and compiled once per process; workers
 * share the compiled code. Synchronous (tens of milliseconds: V8 compiles a
 * function on its first call), so workers can start before the caller's next step.
 */
function parserModule(): WasmModule {
  compiled ??= new wasm.Module(gunzipSync(readFileSync(join(PACKAGE_DIR, 'main.wasm.gz'))));
  return compiled;
}

/**
 * One worker: the package's Go runtime glue, one parser instance, one file
 * per message, answered in order. The Go side answers through a callback
 * (`err` is a message, `json` the HCL JSON text); a Go program that exited
 * (a panic) answers nothing, which is reported instead of waited for.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.runtime);
const go = new globalThis.Go();
const api = {};
globalThis.__parse_terraform_config_wasm__ = api;
void go.run(new WebAssembly.Instance(workerData.module, go.importObject));
const parseOne = (name, text) => new Promise((resolve) => {
  try {
    api.parse(name, text, (err, json) => resolve(err ? ['invalid', String(err)] : ['ok', json]));
  } catch (e) {
    resolve(['crashed', String(e && e.message || e)]);
  }
  if (go.exited) resolve(['crashed', 'the parser exited']);
});
let queue = Promise.resolve();
parentPort.on('message', ([id, name, text]) => {
  queue = queue.then(() => parseOne(name, text)).then(([kind, payload]) => parentPort.postMessage([id, kind, payload]));
});
`;

/** What the parser said about one file: HCL JSON text, a syntax error message, or that it stopped. */
export type ParseAnswer = { readonly kind: 'ok'; readonly json: string } | { readonly kind: 'invalid' | 'crashed' | 'timeout'; readonly message: string };

export interface ParseJob {
  /** The name the parser puts in its messages. */
  readonly name: string;
  readonly text: string;
}

/**
 * Files queued per worker: the next ones are already there when the current
 * one is answered, and while the main thread evaluates a module (tens of
 * milliseconds) the workers go on.
 */
const IN_FLIGHT = 12;
/** Text per worker: a worker costs about as long to start as parsing this much takes. */
const BYTES_PER_WORKER = 128 * 1024;
const MAX_WORKERS = 4;

/** Workers for this much text: one per core at most, none idle for want of work. */
export function workersFor(bytes: number, files: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, MAX_WORKERS, files, Math.ceil(bytes / BYTES_PER_WORKER)));
}

interface Slot {
  readonly worker: Worker;
  /** Job indexes sent and not answered, in the order the worker takes them. */
  readonly inFlight: number[];
  timer?: NodeJS.Timeout;
}

/** One `parse` call's state, which the workers' events report to. */
interface Run {
  message(slot: Slot, index: number, kind: ParseAnswer['kind'], payload: string): void;
  died(slot: Slot, reason: string): void;
}

export interface ParseRunOptions {
  readonly timeoutMs: number;
  /** A file is sent to the parser only while this holds (the caller stops at its first error). */
  readonly wanted?: (index: number) => boolean;
}

/**
 * Parser workers, started before the text is at hand (so their start-up
 * overlaps the caller's reading) and kept for several `parse` calls (a
 * module's child modules and variable files come in later rounds). `close`
 * ends them; after a file timed out or stopped the parser, the pool refuses
 * further work.
 */
export class HclParserPool {
  private readonly slots: Slot[];
  private run: Run | undefined;
  private broken: string | undefined;
  private closed = false;

  constructor(readonly size: number) {
    const runtime = join(PACKAGE_DIR, 'wasm', 'bridge_wasm_exec.js');
    const module = parserModule();
    this.slots = Array.from({ length: size }, () => this.spawn(module, runtime));
  }

  private spawn(module: WasmModule, runtime: string): Slot {
    const slot: Slot = { worker: new Worker(WORKER_SOURCE, { eval: true, workerData: { module, runtime } }), inFlight: [] };
    slot.worker.on('message', ([i, kind, payload]: [number, ParseAnswer['kind'], string]) => this.run?.message(slot, i, kind, payload));
    const died = (reason: string): void => {
      clearTimeout(slot.timer);
      this.broken ??= `the HCL parser stopped (${reason})`;
      this.run?.died(slot, reason);
    };
    slot.worker.on('error', (err) => died(err.message));
    slot.worker.on('exit', (code) => died(`its thread ended (exit code ${code})`));
    return slot;
  }

  /**
   * Parses `jobs`, calling `answer` for each as it comes (in any order). A
   * file the parser does not answer within `timeoutMs`, or one during which
   * the parser stops, is answered as such and ends the run.
   */
  async parse(jobs: readonly ParseJob[], answer: (index: number, a: ParseAnswer) => void, options: ParseRunOptions): Promise<void> {
    if (jobs.length === 0) return;
    if (this.run) throw new Error('HclParserPool.parse: one run at a time.');
    const slots = this.slots;
    if (this.broken) throw new Error(`${this.broken}; no further file is parsed.`);
    const wanted = options.wanted ?? (() => true);
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let pending = 0;
        let stopped = false;
        const stop = (err?: unknown): void => {
          if (stopped) return;
          stopped = true;
          for (const s of slots) clearTimeout(s.timer);
          if (err) reject(err);
          else resolve();
        };
        /** Hands one answer to the caller; `last` ends the run (the parser is not trusted further). */
        const deliver = (i: number, a: ParseAnswer, last: boolean): void => {
          try {
            answer(i, a);
          } catch (err) {
            return stop(err);
          }
          if (last) {
            this.broken ??= `the HCL parser ${a.kind === 'timeout' ? 'did not answer' : 'stopped'} on an earlier file`;
            stop();
          }
        };
        /** The worker's current file must be answered within the limit. */
        const watch = (slot: Slot): void => {
          clearTimeout(slot.timer);
          if (slot.inFlight.length === 0) return;
          const head = slot.inFlight[0];
          slot.timer = setTimeout(() => {
            if (!stopped) deliver(head, { kind: 'timeout', message: `no answer within ${options.timeoutMs / 1000} s` }, true);
          }, options.timeoutMs);
          slot.timer.unref();
        };
        const feed = (slot: Slot): void => {
          while (!stopped && slot.inFlight.length < IN_FLIGHT && next < jobs.length && wanted(next)) {
            const i = next++;
            slot.inFlight.push(i);
            pending += 1;
            slot.worker.postMessage([i, jobs[i].name, jobs[i].text]);
            if (slot.inFlight.length === 1) watch(slot);
          }
        };
        this.run = {
          message: (slot, i, kind, payload) => {
            if (stopped) return;
            slot.inFlight.shift();
            pending -= 1;
            watch(slot);
            deliver(i, kind === 'ok' ? { kind, json: payload } : { kind, message: payload }, kind === 'crashed');
            feed(slot);
            if (pending === 0 && (next >= jobs.length || !wanted(next))) stop();
          },
          died: (slot, reason) => {
            if (stopped) return;
            if (slot.inFlight.length > 0) deliver(slot.inFlight[0], { kind: 'crashed', message: reason }, true);
            else stop(new Error(`The HCL parser stopped without a file to blame: ${reason}.`));
          },
        };
        for (const slot of slots) feed(slot);
        if (pending === 0) stop();
      });
    } finally {
      this.run = undefined;
    }
  }

  /** Ends the workers (whatever they are doing). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Neither closed nor refusing work after a file that stopped or outlasted the parser. */
  get usable(): boolean {
    return !this.closed && this.broken === undefined && this.run === undefined;
  }

  /** Whether idle workers keep the process alive: not while the pool is spare (see `releasePool`). */
  hold(held: boolean): void {
    for (const s of this.slots) {
      if (held) s.worker.ref();
      else s.worker.unref();
    }
  }
}

/**
 * A pool the last read left idle, kept for a moment for the next one: every
 * worker costs a thread and a Go runtime start, and one process often reads
 * many modules in a row (child-module rounds, the tests, the bench). Its
 * workers do not keep the process alive, and it is ended when unused.
 */
let spare: { readonly pool: HclParserPool; readonly timer: NodeJS.Timeout } | undefined;
const SPARE_MS = 2_000;

/** Ends the spare pool now (a host that wants no idle thread; the tests that need a cold parser). */
export async function closeSparePool(): Promise<void> {
  if (!spare) return;
  const { pool, timer } = spare;
  spare = undefined;
  clearTimeout(timer);
  await pool.close();
}

/** A pool of at least `size` workers: the spare one when it is big enough and usable, else a new one. */
export function acquirePool(size: number): HclParserPool {
  if (spare) {
    const { pool, timer } = spare;
    spare = undefined;
    clearTimeout(timer);
    if (pool.usable && pool.size >= size) {
      pool.hold(true);
      return pool;
    }
    void pool.close().catch(() => undefined);
  }
  return new HclParserPool(size);
}

/** Hands a pool back: kept as the spare when it is still usable (the larger of two), else ended. */
export function releasePool(pool: HclParserPool): void {
  if (!pool.usable || (spare && spare.pool.size >= pool.size)) {
    void pool.close().catch(() => undefined);
    return;
  }
  if (spare) {
    clearTimeout(spare.timer);
    void spare.pool.close().catch(() => undefined);
  }
  pool.hold(false);
  const timer = setTimeout(() => {
    if (spare?.pool === pool) spare = undefined;
    void pool.close().catch(() => undefined);
  }, SPARE_MS);
  timer.unref();
  spare = { pool, timer };
}

/** Parses `jobs` on a pool (sized by their text unless `workers` is given), handed back afterwards. */
export async function parseOnWorkers(
  jobs: readonly ParseJob[],
  answer: (index: number, a: ParseAnswer) => void,
  options: ParseRunOptions & { readonly workers?: number },
): Promise<void> {
  if (jobs.length === 0) return;
  const pool = acquirePool(options.workers ?? workersFor(jobs.reduce((n, j) => n + j.text.length, 0), jobs.length));
  try {
    await pool.parse(jobs, answer, options);
  } finally {
    releasePool(pool);
  }
}
