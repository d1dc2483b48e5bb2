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
