import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass, unknown } from '../../types';
import { isReference } from '../../values';
import { setOrLinked } from './helpers/links';

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
