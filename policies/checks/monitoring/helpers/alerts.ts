/**
 * DigitalOcean monitor alerts: which metric types a set of alerts really
 * watches. Shared by the Droplet/node and the database capacity checks.
 */
import type { InventoryResource } from '../../../types';
import { num } from '../../../values';

/** An alert that is on and whose threshold can be crossed (a percentage above 100 never is). */
export function canFire(alert: InventoryResource): boolean {
  if (alert.values.enabled === false || alert.values.enabled === 'false') return false;
  const value = num(alert.values.value);
  return !(alert.values.compare === 'GreaterThan' && value !== undefined && value >= 100);
}

/** Adds to `into` the metric type of every alert of `alerts` whose threshold can fire. */
export function addWatchedTypes(alerts: Iterable<InventoryResource>, into: Set<string>): Set<string> {
  for (const a of alerts) if (typeof a.values.type === 'string' && canFire(a)) into.add(a.values.type);
  return into;
}

/** Names (keys of `types`) of the metric types missing from `watched`. */
export function unwatchedOf(watched: ReadonlySet<string>, types: Readonly<Record<string, string>>): string[] {
  return Object.entries(types)
    .filter(([, type]) => !watched.has(type))
    .map(([name]) => name);
}

/** Names (keys of `types`) of the metric types no alert of `alerts` watches with a threshold that can fire. */
export const unwatched = (alerts: readonly InventoryResource[], types: Readonly<Record<string, string>>): string[] =>
  unwatchedOf(addWatchedTypes(alerts, new Set()), types);
