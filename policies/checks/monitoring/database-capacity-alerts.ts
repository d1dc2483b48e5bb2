import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { unwatched } from './helpers/alerts';

/** DigitalOcean's managed-database alert types for the three capacity metrics. */
export const DATABASE_ALERT_TYPES: Readonly<Record<string, string>> = {
  cpu: 'v1/dbaas/alerts/cpu_alerts',
  memory: 'v1/dbaas/alerts/memory_utilization_alerts',
  disk: 'v1/dbaas/alerts/disk_utilization_alerts',
};

/**
 * Every managed database cluster is watched for CPU, memory and disk use: an
 * enabled `digitalocean_monitor_alert` of each `v1/dbaas/alerts/…` type
 * (threshold below 100 %) lists the cluster in its `entities`. A full disk
 * stops a managed database for writes, and Droplet alerts do not see it.
 */
export function databaseCapacityAlerts(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const missing = unwatched(index.referencing(resource, 'digitalocean_monitor_alert'), DATABASE_ALERT_TYPES);
  if (missing.length > 0) {
    return fail(`no enabled digitalocean_monitor_alert of type v1/dbaas/alerts/… for ${missing.join(', ')} lists this cluster in entities`, 'digitalocean_monitor_alert.entities');
  }
  return pass('cpu, memory and disk alerts watch the cluster', 'digitalocean_monitor_alert.entities');
}
