import type { CheckResult, InventoryResource } from '../../types';
import { fail } from '../../types';
import { attr, isTrue, strings } from '../../values';
import { everyContainer } from './helpers/workload';

/** The only capability the Pod Security Standard "restricted" lets a container add. */
const ALLOWED_ADDED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

const isFalse = (v: unknown): boolean => v === false || v === 'false';

/**
 * Every container is unprivileged: `privileged` is not true,
 * `allow_privilege_escalation = false` (the Kubernetes default is true),
 * `capabilities.drop` contains `ALL`, and `capabilities.add` adds nothing
 * beyond `NET_BIND_SERVICE`.
 */
export function containersWithoutPrivilege(resource: InventoryResource): CheckResult {
  return everyContainer(
    resource,
    (c) => {
      const sc = `${c.path}.security_context`;
      if (isTrue(attr(c.container, 'security_context.privileged'))) return fail(`container "${c.name}" is privileged`, `${sc}.privileged`);
      const escalation = attr(c.container, 'security_context.allow_privilege_escalation');
      if (!isFalse(escalation)) {
        return fail(
          `container "${c.name}" ${escalation === undefined ? 'leaves allow_privilege_escalation unset (Kubernetes default: true)' : `sets allow_privilege_escalation = ${String(escalation)}`}; required: false`,
          `${sc}.allow_privilege_escalation`,
        );
      }
      const drop = strings(attr(c.container, 'security_context.capabilities.drop')).map((s) => s.toUpperCase());
      if (!drop.includes('ALL')) {
        return fail(`container "${c.name}" drops [${drop.join(', ')}], not ALL capabilities`, `${sc}.capabilities.drop`);
      }
      const added = strings(attr(c.container, 'security_context.capabilities.add')).filter((a) => !ALLOWED_ADDED_CAPABILITIES.includes(a.toUpperCase()));
      if (added.length > 0) {
        return fail(`container "${c.name}" adds capabilities ${added.join(', ')} (allowed: ${ALLOWED_ADDED_CAPABILITIES.join(', ')})`, `${sc}.capabilities.add`);
      }
      return undefined;
    },
    'unprivileged, no privilege escalation, all capabilities dropped',
  );
}
