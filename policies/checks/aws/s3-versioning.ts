import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr } from '../../values';
import { unknownAt } from '../common/aws-cloudformation';
import { bucketScope, inScope, isDataBucket } from '../common/aws-s3';
import { show } from '../common/cloudflare-aws-reason';

/**
 * Every bucket whose data must be recoverable keeps object versions
 * (`VersioningConfiguration.Status` "Enabled"): the backup vault (Object Lock
 * requires it too) and every other data bucket of the general baseline. An
 * access-log bucket that is not the vault is not applicable.
 */
export function s3Versioning(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  const scope = bucketScope(bucket);
  if (scope.kind !== 'vault' && !isDataBucket(bucket, index)) return inScope(notApplicable('access-log bucket'), scope);
  const undecided = unknownAt(bucket, 'VersioningConfiguration');
  if (undecided) return inScope(undecided, scope);
  const status = attr(bucket.values, 'VersioningConfiguration.Status');
  if (status === 'Enabled') return inScope(pass('versioning is enabled', 'VersioningConfiguration.Status'), scope);
  return inScope(fail(`versioning status is ${show(status)} (required: "Enabled")`, 'VersioningConfiguration.Status'), scope);
}
