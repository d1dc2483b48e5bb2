import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { isTrue } from '../../values';

/**
 * TOM-AVL-06 (DIG-0009). A Spaces bucket keeps `force_destroy` false (the
 * default), so destroying the bucket in a change fails while it still holds
 * objects instead of silently deleting them.
 */
export function bucketNoForceDestroy(bucket: InventoryResource): CheckResult {
  if (!isTrue(bucket.values.force_destroy)) return pass('force_destroy is off', 'force_destroy');
  return fail('force_destroy is true: a destroy deletes every object and version with the bucket', 'force_destroy');
}
