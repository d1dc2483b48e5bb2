import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { cloudBool, cloudConfig, sshdSettings, CLOUD_INIT_TYPES } from './helpers/cloud-init';

/**
 * The Droplet's cloud-init turns off SSH password logins (`ssh_pwauth: false`
 * or `PasswordAuthentication no`) and root logins (`PermitRootLogin no`), and
 * nothing in it turns either back on: only personal keys of named users get in.
 */
export function hostSshHardened(resource: InventoryResource): CheckResult {
  const config = cloudConfig(resource);
  if (!config.ok) return fail(config.reason, config.path);
  const { doc, path } = config;
  const password = sshdSettings(doc, 'PasswordAuthentication');
  const pwauth = cloudBool(doc, 'ssh_pwauth');
  if (pwauth === true || password.some((v) => v !== 'no')) {
    return pwauth === true
      ? fail('ssh_pwauth is true: SSH accepts passwords', `${path}.ssh_pwauth`)
      : fail(`the cloud-config sets PasswordAuthentication ${password.find((v) => v !== 'no')}; required: no`, `${path}.write_files`);
  }
  if (pwauth !== false && !password.includes('no')) {
    return fail('SSH password authentication is not disabled (set ssh_pwauth: false or PasswordAuthentication no)', `${path}.ssh_pwauth`);
  }
  const root = sshdSettings(doc, 'PermitRootLogin');
  if (cloudBool(doc, 'disable_root') === false || root.some((v) => v !== 'no')) {
    return fail(`the cloud-config allows root login (${root.length > 0 ? `PermitRootLogin ${root.find((v) => v !== 'no')}` : 'disable_root: false'}); required: PermitRootLogin no`, `${path}.write_files`);
  }
  if (!root.includes('no')) return fail('root login over SSH is not disabled (PermitRootLogin no)', `${path}.write_files`);
  return pass('SSH: no passwords, no root login', `${path}.write_files`);
}

export const control: ResourceControl = {
  id: 'TOM-IDS-05',
  title: 'Droplet SSH: no passwords, no root login',
  severity: 'high',
  iso27001_2022: ['A.8.5', 'A.8.2'],
  iso27001_2013: ['A.9.4.2', 'A.9.2.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M17'],
  measure: 'Servers accept only personal key-based logins; shared root and password logins are off.',
  equivalents: [],
  rationale:
    'Password logins invite brute force and shared credentials; root logins make actions unattributable. The SSH key on the Droplet (checked by the DigitalOcean controls) is only half of it: sshd must also refuse the rest.',
  remediation: 'In the #cloud-config set ssh_pwauth: false and write /etc/ssh/sshd_config.d/10-tom-kit.conf with "PasswordAuthentication no" and "PermitRootLogin no".',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: CLOUD_INIT_TYPES,
  check: hostSshHardened,
};
