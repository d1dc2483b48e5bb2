import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isTrue } from '../../values';
import { isProd } from '../common/stage';
import { DOKS } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-AVL-03',
  title: 'Production Kubernetes control plane highly available',
  severity: 'high',
  iso27001_2022: ['A.8.14'],
  iso27001_2013: ['A.17.2.1'],
  gdprArt32: ['b', 'c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M11'],
  measure: 'Cluster management stays available when a control-plane node fails.',
  equivalents: [],
  rationale: 'Without `ha`, the DOKS control plane is a single instance: while it is down, failed pods are not rescheduled and nothing can be deployed.',
  remediation: 'Set `ha = true` on production `digitalocean_kubernetes_cluster`s.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DOKS],
  check: kubernetesHaControlPlane,
};
