import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr } from '../../values';
import { cfnText, refersTo } from '../common/aws-cloudformation';
import { isBackupBucket } from '../common/aws-s3';

const DESTINATION = 'LoggingConfiguration.DestinationBucketName';

/**
 * Every backup bucket writes server access logs to a different bucket, so
 * every read, write and delete attempt on the backups is on record where the
 * backup writer cannot change it. Access-log buckets are not applicable.
 */
export function s3AccessLogging(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isBackupBucket(bucket, index)) return notApplicable('access-log bucket');
  const destination = attr(bucket.values, DESTINATION);
  if (destination === undefined || destination === '') {
    return fail('server access logging is off (required: LoggingConfiguration with a separate DestinationBucketName)', DESTINATION);
  }
  const name = bucket.values.BucketName;
  if (refersTo(destination, bucket) || (typeof name === 'string' && destination === name)) {
    return fail('the bucket logs into itself, so its own logs can be expired or locked with the backups (required: a separate log bucket)', DESTINATION);
  }
  return pass(`access logs go to ${cfnText(destination)}`, DESTINATION);
}
