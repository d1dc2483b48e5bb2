/**
 * Writes inventory-shaped values as HCL native syntax, so a fixture written
 * for the cdktf shape can also be audited as a `.tf` file. Every value is
 * written as an attribute (objects with quoted keys), interpolations
 * (`${digitalocean_vpc.x.id}`) stay interpolations.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const quote = (s: string): string =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/%\{/g, '%%{')}"`;

export function hclValue(v: unknown, indent = ''): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => `${inner}${hclValue(x, inner)},`).join('\n')}\n${indent}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? '{}' : `{\n${entries.map(([k, x]) => `${inner}${quote(k)} = ${hclValue(x, inner)}`).join('\n')}\n${indent}}`;
  }
  throw new Error(`cannot write ${typeof v} as HCL`);
}

/** `resource "type" "name" { … }` with every value an attribute. */
export function hclResource(type: string, name: string, values: Record<string, unknown>): string {
  const lines = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
    if (!IDENT.test(k)) throw new Error(`attribute name ${k} is not an HCL identifier`);
    return `  ${k} = ${hclValue(v, '  ')}`;
  });
  return `resource ${quote(type)} ${quote(name)} {\n${lines.join('\n')}\n}\n`;
}
