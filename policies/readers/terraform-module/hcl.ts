/**
 * HCL native syntax (`.tf`, `.tfvars`) through `@cdktf/hcl2json` (HashiCorp's
 * own HCL parser compiled to WebAssembly, shipped with cdktf): the result is
 * HCL JSON, which the module reader reads like a `.tf.json`. Parsing is
 * asynchronous (on worker threads, see `hcl-parser.ts`), so files are parsed
 * up front into a cache the synchronous reader consults (`HclCache`).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors';
import { isRecord } from '../../values';
import { MAX_JSON_DEPTH } from '../json-text';
import { type HclParserPool, parseOnWorkers, type ParseAnswer, type ParseJob } from './hcl-parser';

/** Deepest nesting of a parsed document, without recursion; stops past `limit`. */
function tooDeep(doc: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > limit) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, d + 1]);
  }
  return false;
}

/**
 * Deepest nesting of brackets, braces and parentheses in HCL text, counted
 * without parsing (so inside strings too: it only errs towards refusing).
 * A hostile nesting depth can exhaust HashiCorp's parser (a Go WebAssembly
 * instance), after which it answers nothing more; refusing such a file up
 * front names the problem instead of waiting for the parser.
 */
function nestingDepthOver(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return i;
    } else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** How long one file may take to parse; far above any real file (a 1,000-file module parses in seconds). */
export const HCL_PARSE_TIMEOUT_MS = 30_000;

/** Parsed HCL files by absolute path. */
export type HclCache = Map<string, Record<string, unknown>>;

/** hcl2json reports `file:line,col-endcol: Summary; Detail.` inside `parse config: [...]`. */
function syntaxError(shown: string, message: string): InputError {
  const inner = /^parse config: \[([\s\S]*)\]$/.exec(message.trim())?.[1] ?? message;
  const first = /^[^:]*:(\d+),(\d+)(?:-[\d,]+)?: ([^;]+);\s*([^\n]*?)(?=\s\S+:\d+,\d+|$)/.exec(inner);
  if (!first) return new InputError(`${shown}: not valid HCL (${inner.split('\n')[0]}).`);
  const [, line, column, summary, detail] = first;
  return new InputError(`${shown}: not valid HCL at line ${line}, column ${column}: ${summary.trim()}${detail ? `; ${detail.trim()}` : ''}`);
}

/** One file's text for the parser, or the reason it is refused before parsing. */
function readForParser(file: string, shown: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${shown}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const deep = nestingDepthOver(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length;
    throw new InputError(`${shown}: brackets nest deeper than ${MAX_JSON_DEPTH} levels at line ${line}; no Terraform configuration does, so the file is refused rather than parsed.`);
  }
  return text;
}

/** The parsed document, or the error the parser's answer amounts to. */
function documentOf(a: ParseAnswer, shown: string, timeoutMs: number): Record<string, unknown> {
  switch (a.kind) {
    case 'invalid':
      throw syntaxError(shown, a.message);
    case 'timeout':
      throw new InputError(`${shown}: the HCL parser did not answer within ${timeoutMs / 1000} s; the audit stops rather than hang (audit the plan JSON instead).`);
    case 'crashed':
      throw new InputError(`${shown}: the HCL parser stopped while reading this file (${a.message}); the audit stops rather than guess (audit the plan JSON instead).`);
    case 'ok': {
      const doc: unknown = JSON.parse(a.json);
      if (tooDeep(doc, MAX_JSON_DEPTH)) throw new InputError(`${shown}: blocks and values nest deeper than ${MAX_JSON_DEPTH} levels.`);
      return isRecord(doc) ? doc : {};
    }
  }
}

export interface ParseOptions {
  /** Parser workers already started (the module reader starts them while it lists the files); closed by their owner. */
  readonly pool?: HclParserPool;
  /** Without a pool: worker threads to parse on (default: one per core, as the amount of text warrants). */
  readonly workers?: number;
  /** Per-file limit (default HCL_PARSE_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** Told of each file as it enters the cache, while no file has failed (files enter it as they are parsed, in any order). */
  readonly parsed?: (file: string) => void;
}

/**
 * Parses the files not yet in `cache`, in parallel on worker threads, each
 * file on its own, adding each to the cache as it is parsed. The outcome is
 * the one of parsing them in order: the first
 * file (in the order given) that cannot be read or parsed is the error, an
 * `InputError` naming file, line and column; no file after it is needed.
 */
export async function parseHclFiles(files: Iterable<string>, cache: HclCache, display: (file: string) => string, options: ParseOptions = {}): Promise<void> {
  const todo = [...new Set(files)].filter((f) => !cache.has(f));
  const jobs: ParseJob[] = [];
  let firstError: { index: number; error: unknown } | undefined;
  const fail = (index: number, error: unknown): void => {
    if (!firstError || index < firstError.index) firstError = { index, error };
  };
  // Read and pre-check in order, up to the first refusal: nothing after it is parsed.
  for (const [i, file] of todo.entries()) {
    try {
      jobs.push({ name: display(file), text: readForParser(file, display(file)) });
    } catch (err) {
      fail(i, err);
      break;
    }
  }
  const timeoutMs = options.timeoutMs ?? HCL_PARSE_TIMEOUT_MS;
  const answer = (i: number, a: ParseAnswer): void => {
    let doc: Record<string, unknown>;
    try {
      doc = documentOf(a, jobs[i].name, timeoutMs);
    } catch (err) {
      return fail(i, err);
    }
    cache.set(todo[i], doc);
    if (!firstError) options.parsed?.(todo[i]);
  };
  const run = { timeoutMs, wanted: (i: number) => !firstError || i < firstError.index };
  if (options.pool) await options.pool.parse(jobs, answer, run);
  else await parseOnWorkers(jobs, answer, { ...run, workers: options.workers });
  if (firstError) throw firstError.error;
}
