import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { attr } from '../../values';
import { isSet } from './helpers/links';
import { DOKS } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-CFG-03',
  title: 'Kubernetes maintenance window defined',
  severity: 'medium',
  iso27001_2022: ['A.8.8', 'A.8.32'],
  iso27001_2013: ['A.12.6.1', 'A.12.1.2', 'A.14.2.2'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M16'],
  measure: 'Updates happen at a planned, announced time.',
  equivalents: [],
  rationale: 'Without a `maintenance_policy` DigitalOcean picks the upgrade time, possibly at peak load and without notice to the team. TOM category Verfügbarkeitskontrolle: a maintenance window keeps planned disruption predictable; it decides no one’s access to data.',
  remediation: 'Set `maintenance_policy { day = "sunday", start_time = "03:00" }` (or another agreed slot).',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DOKS],
  check: kubernetesMaintenanceWindow,
};
