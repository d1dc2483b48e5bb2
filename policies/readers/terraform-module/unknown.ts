/**
 * A value only known at apply time (an unset variable, a data source, another
 * resource's attribute, a remote module's output, or an expression the audit
 * does not evaluate). `expr` is the expression that decided it, as written
 * (resource references qualified with their module path).
 *
 * In the inventory an unknown becomes the string `${expr}`, the form cdktf
 * JSON already uses for apply-time values, so the checks' `isReference()` /
 * `unresolved()` recognise it.
 */
export class Unknown {
  constructor(
    readonly expr: string,
    /**
     * For a string template with unknown parts: the template with its known
     * parts filled in and each unknown part as `${expr}`
     * (`s3://${digitalocean_spaces_bucket.logs.name}/http?region=ams3`), so a
     * check can still read the parts that are known, as it does in cdktf JSON.
     */
    readonly partial?: string,
  ) {}
}

/** A known object or map (an `Unknown` is an object too, but never a map of values). */
export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;

/** True when `v` is or contains an unknown anywhere. */
export function hasUnknown(v: unknown): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}

/** The value as the inventory holds it: unknowns as `${expr}` strings. */
export function toInventoryValue(v: unknown): unknown {
  if (v instanceof Unknown) return v.partial ?? `\${${v.expr}}`;
  if (Array.isArray(v)) return v.map(toInventoryValue);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toInventoryValue(x);
    return out;
  }
  return v;
}
