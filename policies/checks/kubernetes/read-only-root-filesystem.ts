import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail } from '../../types';
import { attr, isTrue } from '../../values';
import { everyContainer, WORKLOAD_TYPES } from './helpers/workload';

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

export const control: ResourceControl = {
  id: 'TOM-K8S-03',
  title: 'Containers have a read-only root filesystem',
  severity: 'medium',
  iso27001_2022: ['A.8.27', 'A.8.9'],
  iso27001_2013: ['A.14.2.5'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M16'],
  measure: 'Running services cannot alter their own software; the image as built is what runs.',
  equivalents: ['CKV_K8S_22', 'KSV014', 'core_readonly_root_filesystem_enabled'],
  rationale:
    'An intruder who cannot write to the container filesystem cannot drop tools or patch binaries there, and the running configuration stays the reviewed one. Writable scratch space belongs in an emptyDir volume.',
  remediation: 'Set security_context { read_only_root_filesystem = true } on every container and mount an empty_dir volume where the program needs to write (e.g. /tmp).',
  area: 'kubernetes',
  scope: 'resource',
  appliesTo: WORKLOAD_TYPES,
  check: readOnlyRootFilesystem,
};
