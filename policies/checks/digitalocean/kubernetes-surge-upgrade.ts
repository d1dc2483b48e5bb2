import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';

/**
 * TOM-CFG-02 (DIG-0005). DOKS upgrades add fresh nodes before draining old
 * ones (`surge_upgrade`, default true), so patching never shrinks capacity.
 * Only an explicit false fails.
 */
export function kubernetesSurgeUpgrade(cluster: InventoryResource): CheckResult {
  const v = cluster.values.surge_upgrade;
  if (v === false || v === 'false') return fail('surge_upgrade is false: upgrades drain nodes without replacements and reduce capacity', 'surge_upgrade');
  return pass(v === undefined ? 'surge_upgrade defaults to true' : 'surge_upgrade is true', 'surge_upgrade');
}
