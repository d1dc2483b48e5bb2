import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
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

export const control: ResourceControl = {
  id: 'TOM-MON-01',
  title: 'CPU, memory and disk alerts cover every node',
  severity: 'medium',
  iso27001_2022: ['A.8.6', 'A.8.16'],
  iso27001_2013: ['A.12.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M12'],
  measure: 'Capacity is managed continuously: resource use of every server is monitored and shortages raise an alert.',
  equivalents: [],
  rationale:
    'A disk that fills up stops the database and the backups; memory pressure kills pods. Alerts on all three metrics for every Droplet and node pool turn a slow shortage into a ticket before it is an outage.',
  remediation:
    'Create digitalocean_monitor_alert resources of types v1/insights/droplet/cpu, …/memory_utilization_percent and …/disk_utilization_percent (compare GreaterThan, value below 100, enabled) whose tags include a tag of each Droplet and node pool (or entities listing the Droplet ids).',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['digitalocean_droplet', 'digitalocean_droplet_autoscale', 'digitalocean_kubernetes_cluster', 'digitalocean_kubernetes_node_pool'],
  check: capacityAlerts,
};
