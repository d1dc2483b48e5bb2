import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { attr } from '../../values';
import { isSet } from './helpers/links';
import { DB } from './helpers/catalogue';

/**
 * TOM-CFG-04. A managed database has a `maintenance_window` with `day` and
 * `hour`, so engine and OS patches are applied at a planned time.
 */
export function databaseMaintenanceWindow(db: InventoryResource): CheckResult {
  for (const key of ['day', 'hour']) {
    const path = `maintenance_window.${key}`;
    if (!isSet(attr(db.values, path))) return fail(`${path} is not set: DigitalOcean chooses when to patch the database`, path);
  }
  return pass(`maintenance on ${String(attr(db.values, 'maintenance_window.day'))} at ${String(attr(db.values, 'maintenance_window.hour'))}`, 'maintenance_window');
}

export const control: ResourceControl = {
  id: 'TOM-CFG-04',
  title: 'Database maintenance window defined',
  severity: 'medium',
  iso27001_2022: ['A.8.8', 'A.8.32'],
  iso27001_2013: ['A.12.6.1', 'A.12.1.2', 'A.14.2.2'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M16'],
  measure: 'Database patches are applied regularly at a planned time.',
  equivalents: [],
  rationale: 'DigitalOcean applies engine and OS updates in the maintenance window; without one it chooses the time itself. TOM category Verfügbarkeitskontrolle: a maintenance window keeps planned disruption predictable; it decides no one’s access to data.',
  remediation: 'Set `maintenance_window { day = "sunday", hour = "02:00:00" }` on every `digitalocean_database_cluster`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DB],
  check: databaseMaintenanceWindow,
};
