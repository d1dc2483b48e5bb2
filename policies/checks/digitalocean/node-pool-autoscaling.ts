import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import type { Values } from '../../values';
import { block, isTrue, num } from '../../values';
import { isProd } from '../common/stage';
import { PROD_MIN_NODES } from '../../../data/digitalocean';

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
