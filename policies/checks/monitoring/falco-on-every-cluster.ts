import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
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

export const control: StackControl = {
  id: 'TOM-IDS-01',
  title: 'Falco runs on every Kubernetes cluster',
  severity: 'high',
  iso27001_2022: ['A.8.7', 'A.8.16'],
  iso27001_2013: ['A.12.2.1'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M6'],
  measure: 'An intrusion detection system watches the container platform for suspicious activity.',
  equivalents: [],
  rationale:
    'Containers are where the personal data is processed; a shell spawned in a pod, a write below /etc or an unexpected outbound connection is only seen by a runtime sensor on the nodes. Falco is the CNCF sensor and needs no agent in the images. GDPR Art. 32(1)(b): a sensor that detects intrusions protects integrity and confidentiality; testing the effectiveness of measures, (d), is the restore drill and the baseline checks.',
  remediation: 'Add a helm_release of chart "falco" (repository https://falcosecurity.github.io/charts) for every digitalocean_kubernetes_cluster, one per cluster, in the stack of the cluster or another stack of its environment (the kit puts it in workloads-<env>).',
  area: 'monitoring',
  scope: 'stack',
  check: falcoOnEveryCluster,
};
