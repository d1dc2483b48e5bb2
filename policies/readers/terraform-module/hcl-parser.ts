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
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

const PACKAGE_DIR = dirname(require.resolve('@cdktf/hcl2json/package.json'));

let compiled: Promise<WasmModule> | undefined;

/** The package's parser, decompressed and compiled once per process (workers share the compiled code). */
function parserModule(): Promise<WasmModule> {
  compiled ??= Promise.resolve().then(() => wasm.compile(gunzipSync(readFileSync(join(PACKAGE_DIR, 'main.wasm.gz')))));
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

/** Files queued per worker: the next one is already there when the current one is answered. */
const IN_FLIGHT = 2;
/** Text per worker: a worker costs about as long to start as parsing this much takes. */
const BYTES_PER_WORKER = 128 * 1024;
const MAX_WORKERS = 4;

/** Workers for this much text: one per core at most, none idle for want of work. */
export function workersFor(jobs: readonly ParseJob[], cores = availableParallelism()): number {
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  return Math.max(1, Math.min(cores, MAX_WORKERS, jobs.length, Math.ceil(bytes / BYTES_PER_WORKER)));
}

/**
 * Parses `jobs` on worker threads, calling `answer` for each as it comes
 * (in any order; a file is parsed only while `wanted(index)` holds, so the
 * caller can stop at its first error). A file the parser does not answer
 * within `timeoutMs`, or one during which the parser stops, is answered as
 * such and ends the run: no later parse would be trusted.
 */
export async function parseOnWorkers(
  jobs: readonly ParseJob[],
  answer: (index: number, a: ParseAnswer) => void,
  options: { readonly timeoutMs: number; readonly workers?: number; readonly wanted?: (index: number) => boolean },
): Promise<void> {
  if (jobs.length === 0) return;
  const module = await parserModule();
  const count = options.workers ?? workersFor(jobs);
  const wanted = options.wanted ?? (() => true);
  const runtime = join(PACKAGE_DIR, 'wasm', 'bridge_wasm_exec.js');
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let pending = 0;
      let stopped = false;
      const stop = (err?: unknown): void => {
        if (stopped) return;
        stopped = true;
        if (err) reject(err);
        else resolve();
      };
      /** Hands one answer to the caller; `last` ends the run after it. */
      const deliver = (i: number, a: ParseAnswer, last: boolean): void => {
        try {
          answer(i, a);
        } catch (err) {
          return stop(err);
        }
        if (last) stop();
      };
      const start = (): void => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, runtime } });
        workers.push(worker);
        const inFlight: number[] = [];
        let timer: NodeJS.Timeout | undefined;
        const watch = (): void => {
          clearTimeout(timer);
          if (inFlight.length === 0) return;
          const head = inFlight[0];
          timer = setTimeout(() => {
            if (!stopped) deliver(head, { kind: 'timeout', message: `no answer within ${options.timeoutMs / 1000} s` }, true);
          }, options.timeoutMs);
          timer.unref();
        };
        const feed = (): void => {
          while (!stopped && inFlight.length < IN_FLIGHT && next < jobs.length && wanted(next)) {
            const i = next++;
            inFlight.push(i);
            pending += 1;
            worker.postMessage([i, jobs[i].name, jobs[i].text]);
            if (inFlight.length === 1) watch();
          }
        };
        worker.on('message', ([i, kind, payload]: [number, ParseAnswer['kind'], string]) => {
          if (stopped) return;
          inFlight.shift();
          pending -= 1;
          watch();
          deliver(i, kind === 'ok' ? { kind, json: payload } : { kind, message: payload }, kind === 'crashed');
          feed();
          if (pending === 0 && (next >= jobs.length || !wanted(next))) stop();
        });
        const died = (reason: string): void => {
          clearTimeout(timer);
          if (stopped) return;
          if (inFlight.length > 0) deliver(inFlight[0], { kind: 'crashed', message: reason }, true);
          else stop(new Error(`The HCL parser stopped without a file to blame: ${reason}.`));
        };
        worker.on('error', (err) => died(err.message));
        worker.on('exit', (code) => died(`its thread ended (exit code ${code})`));
        feed();
      };
      for (let w = 0; w < count && next < jobs.length && wanted(next); w++) start();
      if (pending === 0) stop();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
