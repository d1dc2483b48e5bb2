import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr } from '../../values';
import { isSet } from './helpers/links';

/**
 * TOM-CFG-03. A DOKS cluster has a `maintenance_policy` with `day` and
 * `start_time`, so automatic upgrades happen at a planned time instead of one
 * DigitalOcean picks.
 */
export function kubernetesMaintenanceWindow(cluster: InventoryResource): CheckResult {
  for (const key of ['day', 'start_time']) {
    const path = `maintenance_policy.${key}`;
    if (!isSet(attr(cluster.values, path))) return fail(`${path} is not set: DigitalOcean chooses when to upgrade the cluster`, path);
  }
  const day = String(attr(cluster.values, 'maintenance_policy.day'));
  return pass(`maintenance on ${day} at ${String(attr(cluster.values, 'maintenance_policy.start_time'))}`, 'maintenance_policy');
}
