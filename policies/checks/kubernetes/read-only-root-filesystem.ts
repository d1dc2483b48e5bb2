import type { CheckResult, InventoryResource } from '../../types';
import { fail } from '../../types';
import { attr, isTrue } from '../../values';
import { everyContainer } from './helpers/workload';

/**
 * Every container mounts its root filesystem read-only
 * (`security_context.read_only_root_filesystem = true`), so an intruder cannot
 * drop tools or alter binaries inside it; scratch space comes from volumes.
 */
export function readOnlyRootFilesystem(resource: InventoryResource): CheckResult {
  return everyContainer(
    resource,
    (c) => {
      const value = attr(c.container, 'security_context.read_only_root_filesystem');
      return isTrue(value)
        ? undefined
        : fail(`container "${c.name}" ${value === undefined ? 'leaves read_only_root_filesystem unset' : `sets read_only_root_filesystem = ${String(value)}`}; required: true`, `${c.path}.security_context.read_only_root_filesystem`);
    },
    'read-only root filesystem',
  );
}
