import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isFalcoRelease } from '../common/monitoring-helm';

/**
 * Every stack with a DOKS cluster installs Falco (a `helm_release` of the
 * `falco` chart), one release per cluster: runtime intrusion detection for the
 * workloads, the cluster counterpart of the Droplets' host IDS.
 */
export function falcoOnEveryCluster(stack: StackInfo, index: InventoryIndex): CheckResult {
  const clusters = index.byType('digitalocean_kubernetes_cluster', stack.name);
  if (clusters.length === 0) return notApplicable('the stack has no digitalocean_kubernetes_cluster');
  const releases = index.byType('helm_release', stack.name).filter(isFalcoRelease);
  if (releases.length === 0) {
    return fail(`${clusters.map((c) => c.address).join(', ')} has no helm_release of the falco chart in stack ${stack.name}`, 'helm_release.chart');
  }
  if (releases.length < clusters.length) {
    return fail(`${clusters.length} clusters but only ${releases.length} Falco release(s) in stack ${stack.name}`, 'helm_release.chart');
  }
  return pass(`Falco installed by ${releases.map((r) => r.address).join(', ')}`, `${releases[0].address}.chart`);
}
