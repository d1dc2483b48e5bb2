import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr } from '../../values';
import { isBackupBucket } from '../common/aws-s3';
import { show } from '../common/cloudflare-aws-reason';

/**
 * Every backup bucket keeps object versions (`VersioningConfiguration.Status`
 * "Enabled"): an overwritten or deleted backup stays recoverable, and Object
 * Lock requires it. Access-log buckets are not applicable.
 */
export function s3Versioning(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isBackupBucket(bucket, index)) return notApplicable('access-log bucket');
  const status = attr(bucket.values, 'VersioningConfiguration.Status');
  if (status === 'Enabled') return pass('versioning is enabled', 'VersioningConfiguration.Status');
  return fail(`versioning status is ${show(status)} (required: "Enabled")`, 'VersioningConfiguration.Status');
}
