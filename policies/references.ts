/**
 * Terraform references inside cdktf JSON values: `${digitalocean_vpc.vpc.id}`,
 * `${module.db.digitalocean_database_cluster.main.urn}`, `${data.x.y.z}`.
 * Used by the cdktf reader and by test fixtures, so both agree on what a reference is.
 */

const INTERPOLATION = /\$\{([^}]*)\}/g;
// A resource address inside an expression: optional module path, then type.name.
const ADDRESS = /((?:module\.[A-Za-z0-9_-]+\.)*)([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** Resource addresses (`type.name`, `module.m.type.name`) referenced anywhere in `value`. */
export function terraformReferences(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const m of v.matchAll(INTERPOLATION)) {
        const expr = m[1];
        for (const a of expr.matchAll(ADDRESS)) {
          const start = a.index ?? 0;
          // `data.type.name` is a data source, not a resource; `var.`/`local.` never match ADDRESS's type shape.
          if (expr.slice(Math.max(0, start - 5), start) === 'data.') continue;
          found.add(`${a[1]}${a[2]}.${a[3]}`);
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (typeof v === 'object' && v !== null) {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return [...found];
}
