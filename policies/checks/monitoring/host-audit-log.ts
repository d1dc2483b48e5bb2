import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { cloudConfig, packages, CLOUD_INIT_TYPES } from './helpers/cloud-init';

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

export const control: ResourceControl = {
  id: 'TOM-LOG-01',
  title: 'Droplets keep a kernel audit log',
  severity: 'medium',
  iso27001_2022: ['A.8.15'],
  iso27001_2013: ['A.12.4.1', 'A.12.4.3'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M7'],
  measure: 'Activity on servers (logins, privilege use, changes) is logged so unauthorised access can be proven.',
  equivalents: [],
  rationale: 'auditd records logins, sudo and changes to watched files at kernel level, which shell history and application logs do not; it is the host-side evidence of who changed what.',
  remediation: 'Add auditd to packages in the Droplet\'s #cloud-config (and audit rules under /etc/audit/rules.d/ for the files that matter).',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: CLOUD_INIT_TYPES,
  check: hostAuditLog,
};
