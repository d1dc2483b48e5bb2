import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { isTrue } from '../../values';

/**
 * TOM-CFG-01 (DIG-0008). DOKS clusters take patch releases automatically
 * (`auto_upgrade = true`, default false) inside their maintenance window.
 */
export function kubernetesAutoUpgrade(cluster: InventoryResource): CheckResult {
  if (isTrue(cluster.values.auto_upgrade)) return pass('auto_upgrade is true', 'auto_upgrade');
  return fail(`auto_upgrade is ${JSON.stringify(cluster.values.auto_upgrade ?? null)}; set true so Kubernetes patch releases are applied automatically`, 'auto_upgrade');
}
