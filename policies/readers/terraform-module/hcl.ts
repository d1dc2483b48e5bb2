/**
 * HCL native syntax (`.tf`, `.tfvars`) through `@cdktf/hcl2json` (HashiCorp's
 * own HCL parser compiled to WebAssembly, shipped with cdktf): the result is
 * HCL JSON, which the module reader reads like a `.tf.json`. Parsing is
 * asynchronous, so files are parsed up front into a cache the synchronous
 * reader consults (`HclCache`).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors';
import { isRecord } from '../../values';
import { MAX_JSON_DEPTH } from '../json-text';

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
 * HashiCorp's parser runs as one Go WebAssembly instance for the whole
 * process; a hostile nesting depth can exhaust it, after which no later parse
 * ever answers. Refusing such a file up front keeps the audit from hanging.
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

/** The parser's answer, or an InputError when it does not answer in time (never a hang). */
async function withinTime<T>(work: Promise<T>, shown: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InputError(`${shown}: the HCL parser did not answer within ${HCL_PARSE_TIMEOUT_MS / 1000} s; the audit stops rather than hang (audit the plan JSON instead).`)),
      HCL_PARSE_TIMEOUT_MS,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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

/** Parses the files not yet in `cache`; a syntax error is an `InputError` naming file, line and column. */
export async function parseHclFiles(files: Iterable<string>, cache: HclCache, display: (file: string) => string): Promise<void> {
  const { parse } = await import('@cdktf/hcl2json');
  for (const file of files) {
    if (cache.has(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new InputError(`${display(file)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    const deep = nestingDepthOver(text, MAX_JSON_DEPTH);
    if (deep !== undefined) {
      const line = text.slice(0, deep).split('\n').length;
      throw new InputError(`${display(file)}: brackets nest deeper than ${MAX_JSON_DEPTH} levels at line ${line}; no Terraform configuration does, so the file is refused rather than parsed.`);
    }
    let doc: unknown;
    try {
      doc = await withinTime(parse(display(file), text), display(file));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw syntaxError(display(file), (err as Error).message ?? String(err));
    }
    if (tooDeep(doc, MAX_JSON_DEPTH)) throw new InputError(`${display(file)}: blocks and values nest deeper than ${MAX_JSON_DEPTH} levels.`);
    cache.set(file, isRecord(doc) ? doc : {});
  }
}
