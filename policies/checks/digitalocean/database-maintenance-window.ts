import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr } from '../../values';
import { isSet } from './helpers/links';

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
