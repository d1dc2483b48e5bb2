import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail } from '../../types';
import { attr, isTrue, strings } from '../../values';
import { everyContainer, WORKLOAD_TYPES } from './helpers/workload';

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

export const control: ResourceControl = {
  id: 'TOM-K8S-02',
  title: 'Containers unprivileged, no privilege escalation, capabilities dropped',
  severity: 'high',
  iso27001_2022: ['A.8.2', 'A.8.27'],
  iso27001_2013: ['A.9.2.3', 'A.14.2.5'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M16', 'M17'],
  measure: 'Services get no more operating-system privileges than they need.',
  equivalents: [
    'CKV_K8S_16',
    'CKV_K8S_20',
    'CKV_K8S_37',
    'KSV017',
    'KSV001',
    'KSV003',
    'core_minimize_privileged_containers',
    'core_minimize_allowPrivilegeEscalation_containers',
    'core_minimize_containers_capabilities_assigned',
  ],
  rationale:
    'A privileged container is the node. allow_privilege_escalation defaults to true, so setuid binaries can regain root; the default capability set still includes NET_RAW and others an application never needs.',
  remediation:
    'On every container set security_context { privileged = false, allow_privilege_escalation = false, capabilities { drop = ["ALL"] } } and add back at most NET_BIND_SERVICE.',
  area: 'kubernetes',
  scope: 'resource',
  appliesTo: WORKLOAD_TYPES,
  check: containersWithoutPrivilege,
};
