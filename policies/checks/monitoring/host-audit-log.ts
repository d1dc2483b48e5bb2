import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { cloudConfig, packages } from './helpers/cloud-init';

/**
 * The Droplet's cloud-init installs `auditd`, so logins, privilege use and
 * changes on the host are recorded by the kernel audit system.
 */
export function hostAuditLog(resource: InventoryResource): CheckResult {
  const config = cloudConfig(resource);
  if (!config.ok) return fail(config.reason, config.path);
  if (!packages(config.doc).has('auditd')) {
    return fail('cloud-init packages lack auditd: changes on the host leave no audit trail', `${config.path}.packages`);
  }
  return pass('installs auditd', `${config.path}.packages`);
}
