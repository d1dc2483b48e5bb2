import type { CheckResult, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { blocks, isTrue } from '../../values';
import { podSpec } from './helpers/workload';

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
