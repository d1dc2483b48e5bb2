import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr, blocks, strings } from '../../values';
import { indexLookup, stackKey } from '../../index-lookup';
import { tagKey } from '../digitalocean/helpers/links';
import { addWatchedTypes, unwatchedOf } from './helpers/alerts';

/** The three capacity metrics DigitalOcean alerts on per Droplet (DOKS nodes are Droplets). */
export const CAPACITY_ALERT_TYPES: Readonly<Record<string, string>> = {
  cpu: 'v1/insights/droplet/cpu',
  memory: 'v1/insights/droplet/memory_utilization_percent',
  disk: 'v1/insights/droplet/disk_utilization_percent',
};

/** Tags DigitalOcean puts on every DOKS worker Droplet. */
const K8S_NODE_TAGS: readonly string[] = ['k8s', 'k8s:worker'];

interface Subject {
  readonly tags: ReadonlySet<string>;
  /** Attribute path of the tags an alert must name. */
  readonly path: string;
}

/** The tags the subject's Droplets carry, whatever kind of subject it is. */
function subjectOf(resource: InventoryResource, index: InventoryIndex): Subject {
  const v = resource.values;
  switch (resource.type) {
    case 'digitalocean_droplet_autoscale':
      return { tags: new Set(strings(attr(v, 'droplet_template.tags'))), path: 'droplet_template.tags' };
    case 'digitalocean_kubernetes_cluster':
      return {
        tags: new Set([...strings(v.tags), ...blocks(v, 'node_pool').flatMap((p) => strings(p.tags)), ...K8S_NODE_TAGS]),
        path: 'node_pool.tags',
      };
    case 'digitalocean_kubernetes_node_pool': {
      const cluster = index.referencedBy(resource, 'digitalocean_kubernetes_cluster')[0];
      return { tags: new Set([...strings(v.tags), ...strings(cluster?.values.tags), ...K8S_NODE_TAGS]), path: 'tags' };
    }
    default:
      return { tags: new Set(strings(v.tags)), path: 'tags' };
  }
}

/**
 * Metric types the enabled alerts of a stack watch per tag (`stack\0tag` →
 * types whose threshold can fire), built once per audit: a subject is then
 * covered through its tags by a few map lookups, however many alerts exist.
 */
const watchedByTag = indexLookup((index: InventoryIndex): ReadonlyMap<string, ReadonlySet<string>> => {
  const table = new Map<string, Set<string>>();
  for (const alert of index.byType('digitalocean_monitor_alert')) {
    for (const tag of strings(alert.values.tags)) {
      // A digitalocean_tag named by .name or .id is the same tag (see tagKey).
      const key = stackKey(alert.stack, tagKey(tag, alert.stack, index) ?? tag);
      let types = table.get(key);
      if (!types) table.set(key, (types = new Set()));
      addWatchedTypes([alert], types);
    }
  }
  return table;
});

/**
 * Capacity is watched on every Droplet, autoscale pool and DOKS node pool:
 * for each of CPU, memory and disk utilisation an enabled
 * `digitalocean_monitor_alert` (threshold below 100 %) of the same stack
 * covers it, by one of its tags or by naming it in `entities`. (Where the
 * alert sends to is checked by the alert-route control.)
 */
export function capacityAlerts(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const subject = subjectOf(resource, index);
  const watched = addWatchedTypes(index.referencing(resource, 'digitalocean_monitor_alert'), new Set());
  const byTag = watchedByTag(index);
  for (const tag of subject.tags) for (const type of byTag.get(stackKey(resource.stack, tagKey(tag, resource.stack, index) ?? tag)) ?? []) watched.add(type);
  const missing = unwatchedOf(watched, CAPACITY_ALERT_TYPES);
  if (missing.length > 0) {
    const tags = subject.tags.size > 0 ? `tags [${[...subject.tags].join(', ')}]` : 'no tags';
    return fail(`no enabled digitalocean_monitor_alert for ${missing.join(', ')} covers it (${tags}, nor its id in entities)`, subject.path);
  }
  return pass('cpu, memory and disk alerts cover it', subject.path);
}
