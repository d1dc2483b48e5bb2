import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import type { Values } from '../../values';
import { block, isTrue, num } from '../../values';
import { isProd } from '../common/stage';
import { PROD_MIN_NODES } from '../../../data/digitalocean';
import { DOKS, NODE_POOL } from './helpers/catalogue';

/**
 * TOM-AVL-04. Every DOKS node pool (the cluster's `node_pool` block and each
 * `digitalocean_kubernetes_node_pool`) autoscales (`auto_scale = true`,
 * `max_nodes` above `min_nodes`), and in production keeps at least two nodes
 * (`min_nodes` ≥ 2) so capacity follows load and one node can fail.
 */
export function nodePoolAutoscaling(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const inCluster = resource.type === 'digitalocean_kubernetes_cluster';
  const pool: Values | undefined = inCluster ? block(resource.values, 'node_pool') : resource.values;
  const at = (key: string): string => (inCluster ? `node_pool.${key}` : key);
  if (!pool) return fail('the cluster has no node_pool', 'node_pool');
  if (!isTrue(pool.auto_scale)) return fail(`${at('auto_scale')} is ${JSON.stringify(pool.auto_scale ?? null)}; node pools must autoscale`, at('auto_scale'));
  const min = num(pool.min_nodes);
  const max = num(pool.max_nodes);
  if (min === undefined || max === undefined || max <= min) {
    return fail(`${at('max_nodes')} (${String(max)}) must be above ${at('min_nodes')} (${String(min)}) for autoscaling to add capacity`, at('max_nodes'));
  }
  if (isProd(resource.stack, index) && min < PROD_MIN_NODES) {
    return fail(`${at('min_nodes')} is ${min}; production pools keep at least ${PROD_MIN_NODES} nodes`, at('min_nodes'));
  }
  return pass(`autoscaling ${min}-${max} nodes`, at('auto_scale'));
}

export const control: ResourceControl = {
  id: 'TOM-AVL-04',
  title: 'Node pools autoscale, with at least two nodes in production',
  severity: 'medium',
  iso27001_2022: ['A.8.6', 'A.8.14'],
  iso27001_2013: ['A.12.1.3', 'A.17.2.1'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M11', 'M12'],
  measure: 'Capacity follows load, and production keeps spare nodes.',
  equivalents: [],
  rationale: 'Autoscaling is the capacity management the TOM annex promises; one production node makes every node failure or upgrade an outage.',
  remediation: 'Set `auto_scale = true`, `max_nodes` > `min_nodes`, and `min_nodes >= 2` in production, on the cluster\'s `node_pool` and every `digitalocean_kubernetes_node_pool`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DOKS, NODE_POOL],
  check: nodePoolAutoscaling,
};
