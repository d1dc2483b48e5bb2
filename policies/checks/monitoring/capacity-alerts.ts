import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr, blocks, strings } from '../../values';
import { unwatched } from '../common/monitoring-alerts';

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
 * Capacity is watched on every Droplet, autoscale pool and DOKS node pool:
 * for each of CPU, memory and disk utilisation an enabled
 * `digitalocean_monitor_alert` (threshold below 100 %) covers it, by one of
 * its tags or by naming it in `entities`. (Where the alert sends to is
 * checked by the alert-route control.)
 */
export function capacityAlerts(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const subject = subjectOf(resource, index);
  const byEntity = new Set(index.referencing(resource, 'digitalocean_monitor_alert'));
  const covering = index
    .byType('digitalocean_monitor_alert')
    .filter((a) => a.stack === resource.stack && (byEntity.has(a) || strings(a.values.tags).some((t) => subject.tags.has(t))));
  const missing = unwatched(covering, CAPACITY_ALERT_TYPES);
  if (missing.length > 0) {
    const tags = subject.tags.size > 0 ? `tags [${[...subject.tags].join(', ')}]` : 'no tags';
    return fail(`no enabled digitalocean_monitor_alert for ${missing.join(', ')} covers it (${tags}, nor its id in entities)`, subject.path);
  }
  return pass('cpu, memory and disk alerts cover it', subject.path);
}
