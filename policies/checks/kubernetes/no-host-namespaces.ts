import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { blocks, isTrue } from '../../values';
import { podSpec, WORKLOAD_TYPES } from './helpers/workload';

const HOST_NAMESPACES = ['host_network', 'host_pid', 'host_ipc'] as const;

/**
 * The pod shares no namespace with its node (`host_network`, `host_pid`,
 * `host_ipc` not true) and mounts no `host_path` volume: either would let a
 * compromised container see or reach the node and its neighbours.
 */
export function noHostNamespaces(resource: InventoryResource): CheckResult {
  const pod = podSpec(resource);
  if (!pod) return notApplicable('no pod spec');
  for (const key of HOST_NAMESPACES) {
    if (isTrue(pod.spec[key])) return fail(`the pod sets ${key} = true`, `${pod.path}.${key}`);
  }
  const volumes = blocks(pod.spec, 'volume');
  const hostPath = volumes.findIndex((v) => blocks(v, 'host_path').length > 0);
  if (hostPath >= 0) {
    const name = typeof volumes[hostPath].name === 'string' ? volumes[hostPath].name : hostPath;
    return fail(`volume "${String(name)}" mounts a host_path from the node`, `${pod.path}.volume[${hostPath}].host_path`);
  }
  return pass('no host namespaces, no host_path volumes', pod.path);
}

export const control: ResourceControl = {
  id: 'TOM-K8S-05',
  title: 'Pods share no host namespace and mount no host path',
  severity: 'high',
  iso27001_2022: ['A.8.22', 'A.8.27'],
  iso27001_2013: ['A.13.1.3', 'A.14.2.5'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M16'],
  measure: 'Workloads stay isolated from the node and from each other.',
  equivalents: [
    'CKV_K8S_17',
    'CKV_K8S_18',
    'CKV_K8S_19',
    'KSV008',
    'KSV009',
    'KSV010',
    'core_minimize_hostNetwork_containers',
    'core_minimize_hostPID_containers',
    'core_minimize_hostIPC_containers',
    'core_minimize_hostpath_volume_mounts',
  ],
  rationale:
    'host_network bypasses network policies and exposes node-local services; host_pid and host_ipc let a container see and signal every process on the node; a host_path volume reaches the node\'s files. Each breaks the separation between workloads and environments.',
  remediation: 'Remove host_network, host_pid and host_ipc (or set them false) and replace host_path volumes with persistent volume claims, config maps or empty_dir.',
  area: 'kubernetes',
  scope: 'resource',
  appliesTo: WORKLOAD_TYPES,
  check: noHostNamespaces,
};
