import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr, isTrue } from '../../values';

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
