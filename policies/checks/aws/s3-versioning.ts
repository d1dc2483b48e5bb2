import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr, show } from '../../values';
import { decide } from './helpers/cloudformation';
import { bucketScope, inScope, isDataBucket } from './helpers/s3';

/**
 * Every bucket whose data must be recoverable keeps object versions
 * (`VersioningConfiguration.Status` "Enabled"): the backup vault (Object Lock
 * requires it too) and every other data bucket of the general baseline. An
 * access-log bucket that is not the vault is not applicable.
 */
export function s3Versioning(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  const scope = bucketScope(bucket);
  if (scope.kind !== 'vault' && !isDataBucket(bucket, index)) return inScope(notApplicable('access-log bucket'), scope);
  return inScope(decide(bucket, ['VersioningConfiguration'], judge), scope);
}

function judge(bucket: InventoryResource): CheckResult {
  const status = attr(bucket.values, 'VersioningConfiguration.Status');
  if (status === 'Enabled') return pass('versioning is enabled', 'VersioningConfiguration.Status');
  return fail(`versioning status is ${show(status)} (required: "Enabled")`, 'VersioningConfiguration.Status');
}
