import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
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

export const control: ResourceControl = {
  id: 'TOM-MON-05',
  title: 'CPU, memory and disk alerts cover every managed database',
  severity: 'medium',
  iso27001_2022: ['A.8.6', 'A.8.16'],
  iso27001_2013: ['A.12.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M12'],
  measure: 'Capacity of the managed databases is monitored continuously and shortages raise an alert.',
  equivalents: [],
  rationale:
    'Managed database nodes are not Droplets the account can tag, so Droplet alerts never see them; a database whose disk fills up turns read-only, which is an outage and a failed backup at once.',
  remediation:
    'Create digitalocean_monitor_alert resources of types v1/dbaas/alerts/cpu_alerts, v1/dbaas/alerts/memory_utilization_alerts and v1/dbaas/alerts/disk_utilization_alerts (compare GreaterThan, value below 100, enabled) with entities = [<cluster>.id].',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['digitalocean_database_cluster'],
  check: databaseCapacityAlerts,
};
