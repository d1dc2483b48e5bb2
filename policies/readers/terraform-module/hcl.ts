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
    let doc: unknown;
    try {
      doc = await parse(display(file), text);
    } catch (err) {
      throw syntaxError(display(file), (err as Error).message ?? String(err));
    }
    if (tooDeep(doc, MAX_JSON_DEPTH)) throw new InputError(`${display(file)}: blocks and values nest deeper than ${MAX_JSON_DEPTH} levels.`);
    cache.set(file, isRecord(doc) ? doc : {});
  }
}
