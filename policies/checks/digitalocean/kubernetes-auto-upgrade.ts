import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { isTrue } from '../../values';
import { DOKS } from './helpers/catalogue';

/**
 * TOM-CFG-01 (DIG-0008). DOKS clusters take patch releases automatically
 * (`auto_upgrade = true`, default false) inside their maintenance window.
 */
export function kubernetesAutoUpgrade(cluster: InventoryResource): CheckResult {
  if (isTrue(cluster.values.auto_upgrade)) return pass('auto_upgrade is true', 'auto_upgrade');
  return fail(`auto_upgrade is ${JSON.stringify(cluster.values.auto_upgrade ?? null)}; set true so Kubernetes patch releases are applied automatically`, 'auto_upgrade');
}

export const control: ResourceControl = {
  id: 'TOM-CFG-01',
  title: 'Kubernetes patch releases applied automatically',
  severity: 'high',
  iso27001_2022: ['A.8.8'],
  iso27001_2013: ['A.12.6.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M16'],
  measure: 'Operating systems and platform software are kept up to date.',
  equivalents: ['DIG-0008'],
  rationale: 'Kubernetes patch releases fix vulnerabilities; without auto-upgrade a cluster stays on a vulnerable version until someone remembers. TOM category Zugangskontrolle: unpatched systems are how intruders gain use of them; patching grants no one access rights, so not Zugriffskontrolle.',
  remediation: 'Set `auto_upgrade = true` on every `digitalocean_kubernetes_cluster`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DOKS],
  check: kubernetesAutoUpgrade,
};
