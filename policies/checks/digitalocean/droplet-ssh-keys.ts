import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass, unknown } from '../../types';
import { isReference } from '../../values';
import { setOrLinked } from './helpers/links';
import { DROPLET } from './helpers/catalogue';

/**
 * TOM-IAM-01 (CKV_DIO_2, DIG-0004). Every Droplet is created with SSH keys
 * (`ssh_keys`); without them DigitalOcean e-mails a root password. Disabling
 * password and root login in cloud-init is checked with the host hardening
 * controls.
 */
export function dropletSshKeys(droplet: InventoryResource, index: InventoryIndex): CheckResult {
  // `ssh_keys = var.keys`: the list may be empty at apply time.
  const keys = droplet.values.ssh_keys;
  if (isReference(keys)) return unknown(`ssh_keys = ${String(keys)}: whether any key is set is only known at apply time`, 'ssh_keys');
  if (setOrLinked(droplet, 'ssh_keys', index, 'digitalocean_ssh_key')) return pass('ssh_keys set', 'ssh_keys');
  return fail('ssh_keys is empty: the droplet gets a root password by e-mail instead of personal SSH keys', 'ssh_keys');
}

export const control: ResourceControl = {
  id: 'TOM-IAM-01',
  title: 'Droplets accept SSH keys, not passwords',
  severity: 'high',
  iso27001_2022: ['A.8.5', 'A.5.17'],
  iso27001_2013: ['A.9.4.2', 'A.9.2.4', 'A.9.3.1', 'A.9.4.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M17'],
  measure: 'Servers are accessed only with personal SSH keys.',
  equivalents: ['CKV_DIO_2', 'DIG-0004'],
  rationale: 'Without SSH keys DigitalOcean sets a root password and e-mails it; passwords can be guessed and shared, keys are personal.',
  remediation: 'Set `ssh_keys` to the personal keys (`digitalocean_ssh_key`) of the administrators.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DROPLET],
  check: dropletSshKeys,
};
