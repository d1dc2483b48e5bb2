import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { cloudConfig, packages, CLOUD_INIT_TYPES } from './helpers/cloud-init';

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

export const control: ResourceControl = {
  id: 'TOM-IDS-06',
  title: 'Droplets install security updates unattended',
  severity: 'medium',
  iso27001_2022: ['A.8.8', 'A.8.19'],
  iso27001_2013: ['A.12.6.1', 'A.12.5.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M16'],
  measure: 'Operating systems are kept up to date with security patches.',
  equivalents: [],
  rationale: 'A bastion that waits for someone to log in and patch it carries every published vulnerability of its image. unattended-upgrades applies security updates daily. TOM category Zugangskontrolle: security updates close the holes through which systems are used without authorisation; not Zugriffskontrolle, which is about authorisation to data.',
  remediation: 'Add unattended-upgrades to packages in the Droplet\'s #cloud-config.',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: CLOUD_INIT_TYPES,
  check: hostUnattendedUpgrades,
};
