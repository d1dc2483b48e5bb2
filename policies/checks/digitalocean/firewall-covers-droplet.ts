import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass, unknown } from '../../types';
import { attr, isReference, strings, unresolved } from '../../values';
import { groupedBy, stackKey } from '../../index-lookup';
import { tagKey } from './helpers/links';
import { DROPLET } from './helpers/catalogue';

const tagKeys = (tags: readonly string[], stack: string, index: InventoryIndex): string[] =>
  tags.map((t) => tagKey(t, stack, index)).filter((k): k is string => k !== undefined);

/** Firewalls per `stack\0tag`, built once per audit. */
const firewallsByTag = groupedBy('digitalocean_firewall', (fw, index) => tagKeys(strings(attr(fw.values, 'tags')), fw.stack, index).map((tag) => stackKey(fw.stack, tag)));

/** Firewalls per stack whose tags or droplet_ids are only known at apply time: they may cover any droplet. */
const undecidedFirewalls = groupedBy('digitalocean_firewall', (fw, index) => {
  const tags = strings(attr(fw.values, 'tags'));
  const open = unresolved(attr(fw.values, 'tags')) !== undefined && tags.some((t) => tagKey(t, fw.stack, index) === undefined);
  return open || isReference(attr(fw.values, 'droplet_ids')) ? [fw.stack] : [];
});

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
 * listed in its `droplet_ids` or sharing one of its `tags` (by name, or by a
 * `digitalocean_tag` reference through `.name` or `.id`). A Droplet without a
 * cloud firewall exposes every listening port. When the droplet's tags, or a
 * firewall's tags or droplet ids, are only known at apply time and nothing
 * known covers it, the answer is `unknown`.
 */
export function firewallCoversDroplet(droplet: InventoryResource, index: InventoryIndex): CheckResult {
  const byId = index.referencing(droplet, 'digitalocean_firewall').filter((fw) => listsDroplet(fw, droplet));
  if (byId.length > 0) return pass(`listed in droplet_ids of ${byId.map((f) => f.address).join(', ')}`, 'droplet_ids');
  const tags = strings(attr(droplet.values, 'tags'));
  const table = firewallsByTag(index);
  for (const tag of tags) {
    const key = tagKey(tag, droplet.stack, index);
    const fws = key === undefined ? undefined : table.get(stackKey(droplet.stack, key));
    if (fws) return pass(`tag "${tag}" is covered by ${fws.map((fw) => fw.address).join(', ')}`, 'tags');
  }
  const ownTags = unresolved(attr(droplet.values, 'tags'));
  if (ownTags && tags.some((t) => tagKey(t, droplet.stack, index) === undefined)) {
    return unknown(`tags = ${ownTags}: which firewall covers the droplet is only known at apply time`, 'tags');
  }
  const undecided = undecidedFirewalls(index).get(droplet.stack);
  if (undecided) {
    return unknown(`no firewall is known to cover the droplet; the tags or droplet_ids of ${undecided.map((f) => f.address).join(', ')} are only known at apply time`, 'tags');
  }
  const why = tags.length > 0 ? `or carries one of its tags (${tags.join(', ')})` : 'and the droplet has no tags a firewall could match';
  return fail(`no digitalocean_firewall lists this droplet in droplet_ids ${why}: every listening port is reachable`, 'tags');
}

export const control: ResourceControl = {
  id: 'TOM-NET-01',
  title: 'Every Droplet behind a cloud firewall',
  severity: 'high',
  iso27001_2022: ['A.8.20'],
  iso27001_2013: ['A.13.1.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4'],
  measure: 'Firewalls control the traffic that reaches every server.',
  equivalents: [],
  rationale: 'A Droplet no firewall applies to accepts connections on every port it listens on, including ones a package opened by accident.',
  remediation: 'Add the Droplet to a `digitalocean_firewall` via `droplet_ids`, or give it a tag the firewall lists in `tags`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DROPLET],
  check: firewallCoversDroplet,
};
