/**
 * JSON indented like `JSON.stringify(value, null, 2)` down to a depth, each
 * value below it on one line. Reports with tens of thousands of entries keep
 * a readable, diffable outline (one entry per line) without paying the
 * indentation of every nested key, which is most of their size.
 */
export function jsonIndentedTo(value: unknown, depth: number): string {
  const walk = (v: unknown, level: number): string => {
    if (level >= depth || v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    const pad = '  '.repeat(level + 1);
    const end = '  '.repeat(level);
    if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => pad + walk(x, level + 1)).join(',\n')}\n${end}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
    return entries.length === 0 ? '{}' : `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${walk(x, level + 1)}`).join(',\n')}\n${end}}`;
  };
  return walk(value, 0);
}

/**
 * A placeholder for a list that `withListsOnePerLine` writes one item per line:
 * a string holding a NUL character, which no audited text serialises to.
 */
export const listSlot = (name: string): string => `\u0000${name}`;

/**
 * `JSON.stringify(value, null, 2)` where each `listSlot(name)` placeholder
 * becomes the list of already serialised `lines[name]`, one item per line at
 * the placeholder's indentation. Tens of thousands of findings stay one line
 * each (small, diffable) and are serialised once, without an indenting walk.
 */
export function withListsOnePerLine(value: unknown, lines: Readonly<Record<string, readonly string[]>>): string {
  let text = JSON.stringify(value, null, 2);
  for (const [name, items] of Object.entries(lines)) {
    const slot = JSON.stringify(listSlot(name));
    const at = text.indexOf(slot);
    if (at < 0) throw new Error(`no slot for the list ${name}`);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = /^ */.exec(text.slice(lineStart, at))![0];
    const list = items.length === 0 ? '[]' : `[\n${indent}  ${items.join(`,\n${indent}  `)}\n${indent}]`;
    text = `${text.slice(0, at)}${list}${text.slice(at + slot.length)}`;
  }
  return text;
}
