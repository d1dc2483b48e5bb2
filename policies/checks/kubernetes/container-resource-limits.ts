import type { CheckResult, InventoryResource } from '../../types';
import { fail } from '../../types';
import { attr } from '../../values';
import { everyContainer } from './helpers/workload';

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
