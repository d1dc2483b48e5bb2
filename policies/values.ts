/**
 * Reading attribute values the same way whatever the source format wrote.
 *
 * cdktf JSON writes a single nested block as an object (`"maintenance_policy": {…}`)
 * or a list of objects; plan JSON always writes a list. Checks call `blocks()`
 * and get a list either way, and `attr()` walks dotted paths through both.
 */

export type Values = Readonly<Record<string, unknown>>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A nested block (or repeated block) as a list of objects. */
export function blocks(values: Values | undefined, key: string): Values[] {
  const v = values?.[key];
  if (Array.isArray(v)) return v.filter(isRecord);
  if (isRecord(v)) return [v];
  return [];
}

/** The first block of a single-instance nested block, or undefined. */
export function block(values: Values | undefined, key: string): Values | undefined {
  return blocks(values, key)[0];
}

/**
 * Value at a dotted path (`maintenance_policy.day`); a single-element list on the
 * way is stepped through, so cdktf objects and plan lists read alike.
 */
export function attr(values: Values | undefined, path: string): unknown {
  let cur: unknown = values;
  for (const part of partsOf(path)) {
    if (Array.isArray(cur)) cur = cur.length === 1 ? cur[0] : undefined;
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  if (Array.isArray(cur) && cur.length === 1 && isRecord(cur[0])) return cur[0];
  return cur;
}

/** Paths split once: checks ask for the same few paths of every resource, tens of thousands of times. */
const PARTS = new Map<string, readonly string[]>();
function partsOf(path: string): readonly string[] {
  let parts = PARTS.get(path);
  if (!parts) {
    parts = path.split('.');
    if (PARTS.size < 10_000) PARTS.set(path, parts);
  }
  return parts;
}

/** True for `true` and the string `"true"` (cdktf tokens and plan JSON disagree on booleans sometimes). */
export function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Numbers and numeric strings as numbers; anything else undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A list attribute as strings (non-strings dropped). */
export function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return [v];
  return [];
}

/** True when the value is an unresolved Terraform interpolation such as `${digitalocean_vpc.x.id}`. */
export function isReference(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/**
 * The unresolved `${…}` expression that decides a list-valued attribute: the
 * whole value (`source_addresses = var.cidrs`) or one of its elements
 * (`[var.office, "10.0.0.0/8"]`); undefined when every element is known.
 * A check that reads a list with `strings()` must ask this first, or an
 * apply-time list reads as an empty or harmless one.
 */
export function unresolved(v: unknown): string | undefined {
  if (isReference(v)) return v as string;
  if (Array.isArray(v)) return v.find((x): x is string => isReference(x));
  return undefined;
}

/**
 * For a nested block key: the unresolved expression when the blocks
 * themselves are only known at apply time (`inbound_rule = var.rules` as an
 * attribute, or an unknown element among them); `blocks()` would drop it.
 */
export function unresolvedBlocks(values: Values | undefined, key: string): string | undefined {
  return unresolved(values?.[key]);
}

/** A value as it should read in a reason: strings quoted, objects as JSON, absence as "unset". */
export function show(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  return JSON.stringify(value);
}
