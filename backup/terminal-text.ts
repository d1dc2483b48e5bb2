/**
 * Text from outside (resource addresses, reasons quoting values, object keys,
 * manifest fields, API messages, waiver fields) on its way to a terminal or a
 * CI log. A value such as `x\u001b]8;;…` or `x\n::add-mask::…` must not move
 * the cursor, hide or reorder text (bidi controls), or become a CI workflow
 * command (`::error::`, `::add-mask::`, `::stop-commands::` on GitHub Actions,
 * `##[` and `##vso[` on Azure Pipelines).
 *
 * The one implementation for the audit (policies/), the evidence collector and
 * the backup runner. It lives in backup/ and imports nothing because the
 * runner image compiles backup/ alone; the others import it from here.
 *
 * Used at the print boundary only: reports escape for their own formats, and
 * what they hold stays as it was read.
 */

/**
 * C0 controls (newline and tab included), DEL, C1 controls, the Unicode line
 * and paragraph separators, the directional marks, the bidi embeddings,
 * overrides and isolates, and the byte order mark.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** What `JSON.stringify` leaves raw inside strings (it escapes C0; its own line breaks are layout). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const escapeChar = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Workflow-command prefixes a CI runner acts on: GitHub's `::` and `##[` at the
 * start of a line (after leading blanks, which the runner trims), and Azure's
 * `##vso[` / `##[` anywhere in it.
 */
const LEADING_COMMAND = /^(\s*)(::|##\[)/;
const AZURE_COMMAND = /##(vso)?\[/gi;

/**
 * One value or one line, safe to print: every unsafe character as `\uXXXX`
 * (so a value can never start a new line) and no workflow command prefix. Text
 * without such characters is returned unchanged.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(UNSAFE, escapeChar)
    .replace(LEADING_COMMAND, (_, blanks: string, prefix: string) => `${blanks}${escapeChar(prefix[0])}${prefix.slice(1)}`)
    .replace(AZURE_COMMAND, (m) => `${escapeChar('#')}${m.slice(1)}`);
}

/**
 * Several lines (a summary, a stack trace), each made safe on its own: the line
 * breaks stay, everything else unsafe is escaped. Use `terminalSafe` on each
 * value before joining when a value must not be able to add a line.
 */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/**
 * JSON text for a terminal: `JSON.stringify` escapes C0 controls but leaves
 * DEL, C1 controls, U+2028/2029, directional and bidi controls raw, and Azure
 * acts on `##vso[` anywhere in a line. Both can only occur inside JSON
 * strings, where the `\uXXXX` form is the same value.
 */
export function terminalSafeJson(json: string): string {
  // `\u0023` for the `#` of `##vso[` is the same string to a JSON parser.
  return json.replace(UNSAFE_IN_JSON, escapeChar).replace(AZURE_COMMAND, (m) => `${escapeChar('#')}${m.slice(1)}`);
}
