import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { cloudConfig, packages } from './helpers/cloud-init';

/**
 * The Droplet's cloud-init installs `unattended-upgrades`, so security
 * updates of the OS land daily without a person logging in.
 */
export function hostUnattendedUpgrades(resource: InventoryResource): CheckResult {
  const config = cloudConfig(resource);
  if (!config.ok) return fail(config.reason, config.path);
  if (!packages(config.doc).has('unattended-upgrades')) {
    return fail('cloud-init packages lack unattended-upgrades: OS security updates wait for a person', `${config.path}.packages`);
  }
  return pass('installs unattended-upgrades', `${config.path}.packages`);
}
