/**
 * Text from outside (object keys, manifest fields, API messages, resource
 * names) on its way to a terminal or a CI log. Raw control characters there
 * can recolour or rewrite what a person reads (ANSI escapes, carriage
 * returns), and a line break followed by `::add-mask::` or `::error::` is a
 * GitHub Actions workflow command. Every such character is shown as a visible
 * escape instead (`\x1b`, `\n`, `\u202e`), so the text stays readable and
 * inert. Dependency-free: the runner image compiles backup/ alone.
 */

/** C0 controls, DEL, C1 controls, line/paragraph separators, bidi overrides and isolates, BOM. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text with every control character escaped (line breaks included). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Like terminalSafe, but keeps `\n`: for output whose line breaks are the program's own. */
export function terminalSafeLines(text: string): string {
  return text.replace(UNSAFE_EXCEPT_NEWLINE, visible);
}

/**
 * A JSON text safe on a terminal: JSON.stringify already escapes C0
 * controls, this escapes the rest (DEL, C1, separators, bidi) as `\uXXXX`,
 * which parses back to the very same value.
 */
export function jsonLineSafe(json: string): string {
  return json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
