/**
 * JSON text as the audit must read it: every key seen, nothing nested past a
 * bound, every problem an `InputError` with a line and column.
 *
 * `JSON.parse` keeps the last of two equal keys, so a `.tf.json` with two
 * top-level `"resource"` keys audits as the second while Terraform creates the
 * blocks under both: the first one would be hidden from the gate. Rather than
 * re-implement Terraform's merge rules for every block type, a file with a
 * duplicate key at any level is refused (exit 2), naming both places. Nesting
 * is bounded before anything recursive runs, so hostile depth is an input
 * error, not a stack overflow.
 */
import { visit } from 'jsonc-parser';
import { InputError } from '../errors';

/** Deeper than any Terraform, plan or CloudFormation document seen in practice (plans reach ~30). */
export const MAX_JSON_DEPTH = 256;

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Deepest nesting of `{`/`[` outside strings, stopping at the first place that
 * passes `limit` (returned as `tooDeep`, its offset). Linear and without
 * recursion. Also counts the colons outside strings: in valid JSON each one
 * belongs to one object member, so `members` is how many the text writes.
 */
function scan(text: string, limit: number): { tooDeep?: number; members: number } {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a /* : */) members += 1;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > limit) return { tooDeep: i, members };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth -= 1;
  }
  return { members };
}

/** Object members of a parsed value, at every level (the depth is already bounded). */
function countMembers(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) n += countMembers(v);
    return n;
  }
  for (const key in value) {
    n += 1 + countMembers((value as Record<string, unknown>)[key]);
  }
  return n;
}

/** A JSON string as it may be shown in one line of a message: quoted, control characters escaped, cut when long. */
export function quoteForMessage(value: string, max = 80): string {
  const shown = JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
  // JSON.stringify leaves U+2028/2029 and C1 controls raw; a terminal must not see them.
  return shown.replace(/[\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The first duplicate key at any level, with where it and its first occurrence stand. */
function firstDuplicateKey(text: string): { key: string; offset: number; firstOffset: number } | undefined {
  const open: Map<string, number>[] = [];
  let found: { key: string; offset: number; firstOffset: number } | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        if (found) return false;
        open.push(new Map());
        return undefined;
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (key, offset) => {
        const keys = open[open.length - 1];
        if (found || !keys) return;
        const first = keys.get(key);
        if (first !== undefined) found = { key, offset, firstOffset: first };
        else keys.set(key, offset);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return found;
}

/**
 * V8's JSON.parse message as one line with a line and column: it can quote
 * the offending text across lines, and counts only in characters.
 */
function syntaxErrorDetail(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  const what = message.split(/,\s*(?:\.\.\.)?"/)[0].replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s+/g, ' ');
  if (!position) return what;
  const { line, column } = lineColumn(text, Number(position[1]));
  return `${what} at line ${line}, column ${column}`;
}

/** Thrown for text that is not JSON at all; callers that read folders may treat it as "some other file". */
export class JsonSyntaxError extends InputError {}

/**
 * Parses one JSON document strictly. `label` names it in errors (a file path,
 * or `file: attribute` for JSON embedded in a string). Throws `JsonSyntaxError`
 * when the text is not JSON, `InputError` when it is JSON the audit will not
 * read (too deep, duplicate keys).
 */
export function parseJsonText(text: string, label: string): unknown {
  const { tooDeep, members } = scan(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lineColumn(text, tooDeep);
    throw new InputError(
      `${label}: nested more than ${MAX_JSON_DEPTH} levels deep at line ${line}, column ${column}; ` +
        'no Terraform, plan or CloudFormation document is, so the file is refused rather than read in part.',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new JsonSyntaxError(`${label}: not valid JSON (${syntaxErrorDetail((err as Error).message, text)}).`);
  }
  // A duplicate key collapses into one member when parsed: only when the counts differ is the text walked
  // again to say where (the walk is most of the time of reading a large file, and finds nothing in nearly all).
  const dup = countMembers(value) === members ? undefined : firstDuplicateKey(text);
  if (dup) {
    const at = lineColumn(text, dup.offset);
    const first = lineColumn(text, dup.firstOffset);
    throw new InputError(
      `${label}: duplicate key ${quoteForMessage(dup.key)} at line ${at.line}, column ${at.column} ` +
        `(first at line ${first.line}, column ${first.column}). JSON parsers keep only one of them while Terraform ` +
        'and other tools may use both, so the audit refuses the file rather than miss what the other one holds; merge the two.',
    );
  }
  return value;
}
