import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isTrue } from '../../values';
import { isProd } from '../common/stage';

/**
 * TOM-AVL-03. A production DOKS cluster runs a highly available control
 * plane (`ha = true`): with a single control plane, an outage or upgrade stops
 * scheduling and self-healing. Non-production stages are not judged.
 */
export function kubernetesHaControlPlane(cluster: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isProd(cluster.stack, index)) return notApplicable('not a production stack');
  if (isTrue(cluster.values.ha)) return pass('ha is true', 'ha');
  return fail(`ha is ${JSON.stringify(cluster.values.ha ?? null)}; a production cluster needs a highly available control plane (ha = true)`, 'ha');
}
