/**
 * DigitalOcean monitor alerts: which metric types a set of alerts really
 * watches. Shared by the Droplet/node and the database capacity checks.
 */
import type { InventoryResource } from '../../types';
import { num } from '../../values';

/** An alert that is on and whose threshold can be crossed (a percentage above 100 never is). */
export function canFire(alert: InventoryResource): boolean {
  if (alert.values.enabled === false || alert.values.enabled === 'false') return false;
  const value = num(alert.values.value);
  return !(alert.values.compare === 'GreaterThan' && value !== undefined && value >= 100);
}

/** Names (keys of `types`) of the metric types no alert of `alerts` watches with a threshold that can fire. */
export function unwatched(alerts: readonly InventoryResource[], types: Readonly<Record<string, string>>): string[] {
  return Object.entries(types)
    .filter(([, type]) => !alerts.some((a) => a.values.type === type && canFire(a)))
    .map(([name]) => name);
}
