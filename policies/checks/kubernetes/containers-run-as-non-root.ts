import type { CheckResult, InventoryResource } from '../../types';
import { fail } from '../../types';
import { attr, block, isTrue, num } from '../../values';
import { everyContainer } from './helpers/workload';

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
