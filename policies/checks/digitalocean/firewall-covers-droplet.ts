import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr, strings } from '../../values';
import { groupedBy, stackKey } from '../common/cross-memo';

/** Firewalls per `stack\0tag`, built once per audit. */
const firewallsByTag = (index: InventoryIndex): ReadonlyMap<string, readonly InventoryResource[]> =>
  groupedBy(index, 'digitalocean_firewall', 'tags', (fw) => strings(attr(fw.values, 'tags')).map((tag) => stackKey(fw.stack, tag)));

/**
 * A firewall lists the droplet when its `droplet_ids` mention the droplet's
 * address (cdktf) or id (plan of existing infrastructure); in a plan where
 * `droplet_ids` is still unknown and absent, the configuration reference alone
 * counts.
 */
function listsDroplet(fw: InventoryResource, droplet: InventoryResource): boolean {
  const ids = attr(fw.values, 'droplet_ids');
  if (ids === undefined) return true;
  const own = droplet.values.id === undefined ? undefined : String(droplet.values.id);
  return Array.isArray(ids) && ids.some((id) => String(id).includes(`${droplet.address}.`) || String(id) === own);
}

/**
 * TOM-NET-01. Every Droplet is covered by a `digitalocean_firewall`, either
 * listed in its `droplet_ids` or sharing one of its `tags`. A Droplet without a
 * cloud firewall exposes every listening port.
 */
export function firewallCoversDroplet(droplet: InventoryResource, index: InventoryIndex): CheckResult {
  const byId = index.referencing(droplet, 'digitalocean_firewall').filter((fw) => listsDroplet(fw, droplet));
  if (byId.length > 0) return pass(`listed in droplet_ids of ${byId.map((f) => f.address).join(', ')}`, 'droplet_ids');
  const tags = strings(attr(droplet.values, 'tags'));
  const table = firewallsByTag(index);
  for (const tag of tags) {
    const fws = table.get(stackKey(droplet.stack, tag));
    if (fws) return pass(`tag "${tag}" is covered by ${fws.map((fw) => fw.address).join(', ')}`, 'tags');
  }
  const why = tags.length > 0 ? `or carries one of its tags (${tags.join(', ')})` : 'and the droplet has no tags a firewall could match';
  return fail(`no digitalocean_firewall lists this droplet in droplet_ids ${why}: every listening port is reachable`, 'tags');
}
