import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { attr, isTrue } from '../../values';
import { BUCKET } from './helpers/catalogue';

/**
 * TOM-AVL-07 (CKV_DIO_1, DIG-0007). Spaces buckets keep versions
 * (`versioning.enabled = true`), so an overwrite or delete can be undone;
 * TOM-DEL-01 bounds how long the old versions live.
 */
export function bucketVersioning(bucket: InventoryResource): CheckResult {
  const enabled = attr(bucket.values, 'versioning.enabled');
  if (isTrue(enabled)) return pass('versioning enabled', 'versioning.enabled');
  return fail(`versioning.enabled is ${JSON.stringify(enabled ?? null)}; enable versioning so overwritten or deleted objects can be restored`, 'versioning.enabled');
}

export const control: ResourceControl = {
  id: 'TOM-AVL-07',
  title: 'Bucket versioning enabled',
  severity: 'high',
  iso27001_2022: ['A.8.13'],
  iso27001_2013: ['A.12.3.1'],
  gdprArt32: ['c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M8'],
  measure: 'Overwritten or deleted objects can be restored.',
  equivalents: ['CKV_DIO_1', 'DIG-0007'],
  rationale: 'Without versioning, an overwrite, a delete or ransomware encrypting objects in place destroys the only copy.',
  remediation: 'Set `versioning { enabled = true }`, together with a noncurrent-version expiry (TOM-DEL-01).',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [BUCKET],
  check: bucketVersioning,
};
