import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail } from '../../types';
import { attr } from '../../values';
import { everyContainer, WORKLOAD_TYPES } from './helpers/workload';

const isSet = (v: unknown): boolean => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && v > 0);

/**
 * Every container declares `resources.limits.cpu` and `resources.limits.memory`,
 * so one runaway workload cannot starve the node (capacity management).
 */
export function containerResourceLimits(resource: InventoryResource): CheckResult {
  return everyContainer(
    resource,
    (c) => {
      for (const kind of ['cpu', 'memory'] as const) {
        const value = attr(c.container, `resources.limits.${kind}`);
        if (!isSet(value)) return fail(`container "${c.name}" has no ${kind} limit`, `${c.path}.resources.limits.${kind}`);
      }
      return undefined;
    },
    'cpu and memory limits set',
  );
}

export const control: ResourceControl = {
  id: 'TOM-K8S-04',
  title: 'Containers declare CPU and memory limits',
  severity: 'medium',
  iso27001_2022: ['A.8.6'],
  iso27001_2013: ['A.12.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M12'],
  measure: 'Capacity is managed: no single service can exhaust the resources the others depend on.',
  equivalents: ['CKV_K8S_11', 'CKV_K8S_12', 'KSV011', 'KSV018', 'core_cpu_limits_set', 'core_memory_limits_set'],
  rationale:
    'Without limits a leaking or attacked workload takes the whole node down, and the autoscaler and capacity alerts cannot reason about what fits. A backup dump of a large database is a typical offender.',
  remediation: 'Set resources { limits = { cpu = "500m", memory = "512Mi" }, requests = { … } } on every container, sized from observed use.',
  area: 'kubernetes',
  scope: 'resource',
  appliesTo: WORKLOAD_TYPES,
  check: containerResourceLimits,
};
