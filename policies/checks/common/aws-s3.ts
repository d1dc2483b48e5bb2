/**
 * What an S3 bucket in the off-site vault is for, and its bucket policies.
 *
 * The kit's CloudFormation is the backup vault, so the rule is simple and
 * strict: a bucket that receives another bucket's server access logs (it is
 * named as some bucket's `LoggingConfiguration.DestinationBucketName`, or has
 * the `LogDeliveryWrite` canned ACL) is an access-log bucket; every other
 * bucket holds backups and gets the backup controls (versioning, Object Lock,
 * lifecycle, customer-key encryption, access logging). A bucket that is
 * neither needs a waiver with a reason.
 */
import type { InventoryIndex, InventoryResource } from '../../types';
import { attr, num } from '../../values';
import type { Values } from '../../values';
import { refersTo } from './aws-cloudformation';
import { groupedBy, stackKey } from './cross-memo';

/** True when the bucket stores other buckets' server access logs. */
export function isAccessLogBucket(bucket: InventoryResource, index: InventoryIndex): boolean {
  if (bucket.values.AccessControl === 'LogDeliveryWrite') return true;
  const loggedByRef = index
    .referencing(bucket, 'AWS::S3::Bucket')
    .some((source) => refersTo(attr(source.values, 'LoggingConfiguration.DestinationBucketName'), bucket));
  return loggedByRef || loggedByName(bucket, index);
}

/** A literal `BucketName` named as another bucket's log destination (no reference to follow, so by name). */
function loggedByName(bucket: InventoryResource, index: InventoryIndex): boolean {
  const name = bucket.values.BucketName;
  if (typeof name !== 'string') return false;
  const byDestination = groupedBy(index, 'AWS::S3::Bucket', 'log-destination', (b) => {
    const destination = attr(b.values, 'LoggingConfiguration.DestinationBucketName');
    return typeof destination === 'string' ? [stackKey(b.stack, destination)] : [];
  });
  return (byDestination.get(stackKey(bucket.stack, name)) ?? []).some((source) => source !== bucket);
}

/** True for every bucket that is not an access-log bucket (see the module comment). */
export const isBackupBucket = (bucket: InventoryResource, index: InventoryIndex): boolean => !isAccessLogBucket(bucket, index);

/** The `AWS::S3::BucketPolicy` resources attached to the bucket (by `Ref` or by its literal name). */
export function bucketPolicies(bucket: InventoryResource, index: InventoryIndex): InventoryResource[] {
  const byRef = index.referencing(bucket, 'AWS::S3::BucketPolicy').filter((p) => refersTo(p.values.Bucket, bucket));
  const name = bucket.values.BucketName;
  if (typeof name !== 'string') return [...byRef];
  const byBucketName = groupedBy(index, 'AWS::S3::BucketPolicy', 'bucket-name', (p) =>
    typeof p.values.Bucket === 'string' ? [stackKey(p.stack, p.values.Bucket)] : [],
  );
  return [...new Set([...byRef, ...(byBucketName.get(stackKey(bucket.stack, name)) ?? [])])];
}

/** Default Object Lock retention in days (`Years` count 365 days), or undefined when there is none. */
export function objectLockRetentionDays(bucket: InventoryResource): number | undefined {
  const retention = attr(bucket.values, 'ObjectLockConfiguration.Rule.DefaultRetention');
  const days = num(attr(retention as Values | undefined, 'Days'));
  const years = num(attr(retention as Values | undefined, 'Years'));
  if (days !== undefined) return days;
  return years === undefined ? undefined : years * 365;
}
