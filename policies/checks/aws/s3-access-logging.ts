import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr } from '../../values';
import { cfnText, decide, refersTo } from './helpers/cloudformation';
import { bucketScope, inScope, isDataBucket } from './helpers/s3';

const DESTINATION = 'LoggingConfiguration.DestinationBucketName';

/**
 * Every data bucket (the vault and the general baseline) writes server access
 * logs to a different bucket, so every read, write and delete attempt is on
 * record where the writer cannot change it. Access-log buckets are not applicable.
 */
export function s3AccessLogging(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  const scope = bucketScope(bucket);
  if (scope.kind !== 'vault' && !isDataBucket(bucket, index)) return inScope(notApplicable('access-log bucket'), scope);
  return inScope(decide(bucket, [DESTINATION, 'BucketName'], judge), scope);
}

function judge(bucket: InventoryResource): CheckResult {
  const destination = attr(bucket.values, DESTINATION);
  if (destination === undefined || destination === '') {
    return fail('server access logging is off (required: LoggingConfiguration with a separate DestinationBucketName)', DESTINATION);
  }
  const name = bucket.values.BucketName;
  if (refersTo(destination, bucket) || (name !== undefined && cfnText(destination) === cfnText(name))) {
    return fail('the bucket logs into itself, so its own logs can be expired or locked with its data (required: a separate log bucket)', DESTINATION);
  }
  return pass(`access logs go to ${cfnText(destination)}`, DESTINATION);
}
