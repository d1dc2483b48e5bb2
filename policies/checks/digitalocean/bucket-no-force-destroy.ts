import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { isTrue } from '../../values';
import { BUCKET } from './helpers/catalogue';

/**
 * TOM-AVL-06 (DIG-0009). A Spaces bucket keeps `force_destroy` false (the
 * default), so destroying the bucket in a change fails while it still holds
 * objects instead of silently deleting them.
 */
export function bucketNoForceDestroy(bucket: InventoryResource): CheckResult {
  if (!isTrue(bucket.values.force_destroy)) return pass('force_destroy is off', 'force_destroy');
  return fail('force_destroy is true: a destroy deletes every object and version with the bucket', 'force_destroy');
}

export const control: ResourceControl = {
  id: 'TOM-AVL-06',
  title: 'Buckets cannot be destroyed with their data',
  severity: 'medium',
  iso27001_2022: ['A.8.13', 'A.8.32'],
  iso27001_2013: ['A.12.3.1', 'A.12.1.2', 'A.14.2.2'],
  gdprArt32: ['c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M8'],
  measure: 'A mistaken change cannot delete stored data or backups.',
  equivalents: ['DIG-0009'],
  rationale: 'With `force_destroy = true`, removing or renaming the bucket in code deletes every object and version in it during apply.',
  remediation: 'Remove `force_destroy` or set it to false; empty buckets deliberately before destroying them.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [BUCKET],
  check: bucketNoForceDestroy,
};
