import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { attr } from '../../values';
import { cfnText, decide, refersTo } from './helpers/cloudformation';
import { bucketScope, inScope, isDataBucket } from './helpers/s3';
import { BUCKETS } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-VLT-09',
  title: 'Backup buckets log access to a separate bucket',
  severity: 'medium',
  iso27001_2022: ['A.8.15'],
  iso27001_2013: ['A.12.4.1'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M7'],
  measure: 'Every read, write and delete attempt on the backups is recorded in a separate log bucket.',
  equivalents: ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 's3_bucket_server_access_logging_enabled', 'CKV_AWS_18'],
  rationale: 'Access logs show who touched which backup and when; kept in the same bucket they would be subject to its lifecycle and to anyone who can write there.',
  remediation: 'Set `serverAccessLogsBucket: logBucket` (`LoggingConfiguration.DestinationBucketName` = the log bucket) on every backup bucket.',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3AccessLogging,
};
