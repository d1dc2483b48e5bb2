import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { DOKS } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-CFG-02',
  title: 'Kubernetes upgrades keep capacity (surge)',
  severity: 'medium',
  iso27001_2022: ['A.8.8', 'A.8.14'],
  iso27001_2013: ['A.12.6.1', 'A.17.2.1'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M16', 'M11'],
  measure: 'Updates are rolled out without reducing availability.',
  equivalents: ['DIG-0005'],
  rationale: 'Surge upgrades start new nodes before draining old ones; without them every upgrade runs the cluster short of capacity, which tempts teams to postpone patches.',
  remediation: 'Leave `surge_upgrade` unset (default true) or set it to true.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DOKS],
  check: kubernetesSurgeUpgrade,
};
