import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { byTypeInEnvironment, describeStacks, environmentStacks } from '../common/environment';
import { isFalcoRelease } from './helpers/helm';

const DOKS = 'digitalocean_kubernetes_cluster';

/**
 * Every stack with a DOKS cluster has Falco (a `helm_release` of the `falco`
 * chart) installed, one release per cluster, in the same stack or another
 * stack of its environment (`workloads-<env>` beside `platform-<env>`):
 * runtime intrusion detection for the workloads, the cluster counterpart of
 * the Droplets' host IDS.
 */
export function falcoOnEveryCluster(stack: StackInfo, index: InventoryIndex): CheckResult {
  const clusters = index.byType(DOKS, stack.name);
  if (clusters.length === 0) return notApplicable('the stack has no digitalocean_kubernetes_cluster');
  const where = describeStacks(environmentStacks(stack.name, index));
  const releases = byTypeInEnvironment(index, 'helm_release', stack.name).filter(isFalcoRelease);
  if (releases.length === 0) {
    return fail(`${clusters.map((c) => c.address).join(', ')} has no helm_release of the falco chart in ${where}`, 'helm_release.chart');
  }
  const allClusters = byTypeInEnvironment(index, DOKS, stack.name).length;
  if (releases.length < allClusters) {
    return fail(`${allClusters} clusters but only ${releases.length} Falco release(s) in ${where}`, 'helm_release.chart');
  }
  return pass(`Falco installed by ${releases.map((r) => `${r.stack}/${r.address}`).join(', ')}`, `${releases[0].address}.chart`);
}
