/**
 * The effective values of a `helm_release`, as Helm would merge them:
 * `values` documents in order, then `set`, then `set_sensitive`, later ones
 * winning. Each value keeps the attribute path it came from
 * (`values[0].driver.kind`, `set[2].value`) so a failing check can point at it.
 */
import { parse } from 'yaml';
import type { InventoryResource } from '../../../types';
import { blocks, isRecord } from '../../../values';
import { isWholeReference } from './routes';

export interface HelmValue {
  readonly value: unknown;
  /** Attribute path that decided the value. */
  readonly path: string;
  /** From `set_sensitive` or one whole interpolation: the audit sees a placeholder, not the value. */
  readonly opaque: boolean;
}

export interface HelmValues {
  /** The effective value at a dotted key (`falcosidekick.config.webhook.address`). */
  get(key: string): HelmValue | undefined;
  /** Effective values of every key under a dotted prefix. */
  under(prefix: string): ReadonlyMap<string, HelmValue>;
  /** `values` documents the audit could not read (interpolations, invalid YAML). */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/** True for a release of the Falco chart (`falco`, `falcosecurity/falco`, `oci://…/falco`). */
export const isFalcoRelease = (r: InventoryResource): boolean =>
  r.type === 'helm_release' && typeof r.values.chart === 'string' && /(^|\/)falco$/.test(r.values.chart.trim());

function flatten(value: unknown, prefix: string, source: string, out: Map<string, HelmValue>): void {
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, source ? `${source}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, { value, path: source, opaque: isWholeReference(value) });
  }
}

const cache = new WeakMap<InventoryResource, HelmValues>();

/** Effective values of a release. Memoised per resource. */
export function helmValues(release: InventoryResource): HelmValues {
  let result = cache.get(release);
  if (!result) {
    result = merge(release);
    cache.set(release, result);
  }
  return result;
}

function merge(release: InventoryResource): HelmValues {
  const merged = new Map<string, HelmValue>();
  const unreadable: { path: string; reason: string }[] = [];
  const docs = Array.isArray(release.values.values) ? release.values.values : [];
  docs.forEach((doc, i) => {
    const path = `values[${i}]`;
    if (typeof doc !== 'string') return;
    if (/^\s*\$\{[^}]*\}\s*$/.test(doc)) {
      unreadable.push({ path, reason: `${path} is an interpolation (${doc.trim()}) the audit cannot read` });
      return;
    }
    try {
      flatten(parse(doc), '', path, merged);
    } catch (e) {
      unreadable.push({ path, reason: `${path} is not valid YAML (${(e as Error).message.split('\n')[0]})` });
    }
  });
  for (const key of ['set', 'set_sensitive'] as const) {
    blocks(release.values, key).forEach((s, i) => {
      if (typeof s.name !== 'string') return;
      // Helm escapes literal dots in key names as `\.`.
      const name = s.name.replace(/\\\./g, '.');
      merged.set(name, { value: s.value, path: `${key}[${i}].value`, opaque: key === 'set_sensitive' || isWholeReference(s.value) });
    });
  }
  return {
    get: (key) => merged.get(key),
    under: (prefix) => new Map([...merged].filter(([k]) => k.startsWith(`${prefix}.`))),
    unreadable,
  };
}

/** Helm booleans: YAML `true` or a `set` string `"true"`. */
export const helmTrue = (v: HelmValue | undefined): boolean => v !== undefined && (v.value === true || v.value === 'true');
