import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail } from '../../types';
import { attr, block, isTrue, num } from '../../values';
import { everyContainer, WORKLOAD_TYPES } from './helpers/workload';

/**
 * Every container (init containers included) runs as a non-root user:
 * `run_as_non_root = true` on the container or, inherited, on the pod, and
 * `run_as_user` is never 0.
 *
 * Inheritance has a Terraform twist: the kubernetes provider sends every
 * boolean of a container's `security_context` block, so a block that omits
 * `run_as_non_root` sends `false` and overrides the pod's `true`. Only a
 * container without a `security_context` block inherits the pod's setting.
 */
export function containersRunAsNonRoot(resource: InventoryResource): CheckResult {
  return everyContainer(
    resource,
    (c, pod) => {
      const containerUser = num(attr(c.container, 'security_context.run_as_user'));
      const podUser = num(attr(pod.spec, 'security_context.run_as_user'));
      if (containerUser === 0) return fail(`container "${c.name}" sets run_as_user = 0 (root)`, `${c.path}.security_context.run_as_user`);
      if (containerUser === undefined && podUser === 0) return fail(`the pod sets run_as_user = 0 (root) for container "${c.name}"`, `${pod.path}.security_context.run_as_user`);
      if (block(c.container, 'security_context')) {
        const own = attr(c.container, 'security_context.run_as_non_root');
        if (isTrue(own)) return undefined;
        return fail(
          own === undefined || own === null
            ? `container "${c.name}" has a security_context without run_as_non_root: the Terraform provider then sends false, overriding the pod`
            : `container "${c.name}" sets run_as_non_root = ${String(own)}`,
          `${c.path}.security_context.run_as_non_root`,
        );
      }
      if (isTrue(attr(pod.spec, 'security_context.run_as_non_root'))) return undefined;
      return fail(
        `container "${c.name}" may run as root: run_as_non_root is true neither on the container nor on the pod`,
        `${pod.path}.security_context.run_as_non_root`,
      );
    },
    'run_as_non_root',
  );
}

export const control: ResourceControl = {
  id: 'TOM-K8S-01',
  title: 'Containers run as non-root',
  severity: 'high',
  iso27001_2022: ['A.8.2', 'A.8.27'],
  iso27001_2013: ['A.9.2.3', 'A.14.2.5'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M16'],
  measure: 'Services run as unprivileged users, never as root.',
  equivalents: ['CKV_K8S_23', 'KSV012', 'core_minimize_root_containers_admission'],
  rationale:
    'A process that is root inside the container is one kernel bug or one mis-mounted path away from root on the node. Kubernetes runs images as whatever user they declare, often root, unless run_as_non_root forces the kubelet to refuse.',
  remediation:
    'Set security_context { run_as_non_root = true, run_as_user = <non-zero UID> } on the pod spec (or on each container), and never run_as_non_root = false or run_as_user = 0 on a container.',
  area: 'kubernetes',
  scope: 'resource',
  appliesTo: WORKLOAD_TYPES,
  check: containersRunAsNonRoot,
};
