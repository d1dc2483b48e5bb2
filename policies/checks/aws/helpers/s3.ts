/**
 * What an S3 bucket is for, and its bucket policies.
 *
 * Scope: a bucket marked as the off-site backup vault (the tag
 * `eu-tom-kit:purpose: backup-vault`, which the kit's vault construct writes
 * and users may set, or `--vault-bucket NAME`) gets the backup-vault controls
 * (customer-managed key, Object Lock, lifecycle expiry); every other bucket
 * gets the general S3 baseline (encryption at rest including SSE-S3, Block
 * Public Access, TLS only, versioning and access logging unless it is an
 * access-log bucket). A bucket that receives another bucket's server access
 * logs (named as some bucket's `LoggingConfiguration.DestinationBucketName`,
 * or with the `LogDeliveryWrite` canned ACL) is an access-log bucket.
 *
 * Cross-resource matching (policies and log destinations to buckets) follows
 * `Ref`, `Fn::GetAtt`, literal names and evaluated `Fn::Sub` / `Fn::Join`
 * names alike: the reader turns all of them into one canonical text.
 */
import { BACKUP_VAULT_TAG } from '../../../../data/aws';
import { isUnknownValue } from '../../../readers/cloudformation/unknown';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../../types';
import { attr, isRecord, num } from '../../../values';
import type { Values } from '../../../values';
import { cfnText, list, refersTo } from './cloudformation';
import { groupedBy, stackKey } from '../../../index-lookup';

const VAULT_TAG_KEY = BACKUP_VAULT_TAG.key;
const VAULT_TAG_VALUE = BACKUP_VAULT_TAG.value;

export type BucketScope = { readonly kind: 'vault' | 'general'; readonly why: string } | { readonly kind: 'unknown'; readonly why: string };

/** Which controls a bucket gets: the backup vault's, or the general baseline (see the module comment). */
export function bucketScope(bucket: InventoryResource): BucketScope {
  if (bucket.purpose === 'backup-vault') return { kind: 'vault', why: 'named by --vault-bucket' };
  const tags = bucket.values.Tags;
  if (isUnknownValue(tags) || isUnknownValue(bucket.values)) return { kind: 'unknown', why: 'its Tags are known only at deploy' };
  for (const tag of list(tags)) {
    if (isUnknownValue(tag) || (isRecord(tag) && isUnknownValue(tag.Key))) return { kind: 'unknown', why: `a tag is known only at deploy (${isUnknownValue(tag) ? tag.$unknown : String((tag.Key as { $unknown: string }).$unknown)})` };
    if (!isRecord(tag) || tag.Key !== VAULT_TAG_KEY) continue;
    if (isUnknownValue(tag.Value)) return { kind: 'unknown', why: `its ${VAULT_TAG_KEY} tag is known only at deploy (${tag.Value.$unknown})` };
    if (tag.Value === VAULT_TAG_VALUE) return { kind: 'vault', why: `tag ${VAULT_TAG_KEY}=${VAULT_TAG_VALUE}` };
  }
  return { kind: 'general', why: 'no backup-vault marker' };
}

/** Reason suffix saying which scope decided: reports show it with every bucket finding. */
export const scopeNote = (scope: BucketScope): string =>
  scope.kind === 'vault' ? ` [scope: backup vault, ${scope.why}]` : scope.kind === 'general' ? ' [scope: general S3 baseline]' : ` [scope unknown: ${scope.why}]`;

/** The result with its reason suffixed by the scope. */
export function inScope(result: CheckResult, scope: BucketScope): CheckResult {
  if (result.status === 'not-applicable') return { ...result, reason: `${result.reason ?? 'does not apply'}${scopeNote(scope)}` };
  return { ...result, reason: `${result.reason ?? 'compliant'}${scopeNote(scope)}` } as CheckResult;
}

/** The texts a bucket is known by in this stack: its `${LogicalId}` reference and its (evaluated) BucketName. */
function bucketTexts(bucket: InventoryResource): string[] {
  const texts = [`\${${bucket.address}}`];
  const name = bucket.values.BucketName;
  if (name !== undefined && !isUnknownValue(name)) texts.push(cfnText(name));
  return texts;
}

/** A value naming a bucket (`Ref`, name, `Fn::Sub` name) as the text it is matched by; undefined when unknown. */
const nameText = (v: unknown): string | undefined => (v === undefined || isUnknownValue(v) || (isRecord(v) && Object.keys(v).length === 0) ? undefined : cfnText(v));

/** True when the bucket stores other buckets' server access logs. */
export function isAccessLogBucket(bucket: InventoryResource, index: InventoryIndex): boolean {
  if (bucket.values.AccessControl === 'LogDeliveryWrite') return true;
  const loggedByRef = index
    .referencing(bucket, 'AWS::S3::Bucket')
    .some((source) => refersTo(attr(source.values, 'LoggingConfiguration.DestinationBucketName'), bucket));
  return loggedByRef || loggedByName(bucket, index);
}

/** Buckets per `stack\0destination name` they send access logs to, built once per audit. */
const bucketsByLogDestination = groupedBy('AWS::S3::Bucket', (b) => {
  const destination = nameText(attr(b.values, 'LoggingConfiguration.DestinationBucketName'));
  return destination === undefined ? [] : [stackKey(b.stack, destination)];
});

/** Bucket policies per `stack\0bucket name`, built once per audit. */
const bucketPoliciesByName = groupedBy('AWS::S3::BucketPolicy', (p) => {
  const text = nameText(p.values.Bucket);
  return text === undefined ? [] : [stackKey(p.stack, text)];
});

/** The bucket named, by its name or an `Fn::Sub` / `Fn::Join` name, as another bucket's log destination. */
function loggedByName(bucket: InventoryResource, index: InventoryIndex): boolean {
  const byDestination = bucketsByLogDestination(index);
  return bucketTexts(bucket).some((t) => (byDestination.get(stackKey(bucket.stack, t)) ?? []).some((source) => source !== bucket));
}

/** True for every bucket that is not an access-log bucket: it holds data that must be recoverable and logged. */
export const isDataBucket = (bucket: InventoryResource, index: InventoryIndex): boolean => !isAccessLogBucket(bucket, index);

/** The `AWS::S3::BucketPolicy` resources attached to the bucket (by `Ref`, literal name, or `Fn::Sub` / `Fn::Join` name). */
export function bucketPolicies(bucket: InventoryResource, index: InventoryIndex): InventoryResource[] {
  const byRef = index.referencing(bucket, 'AWS::S3::BucketPolicy').filter((p) => refersTo(p.values.Bucket, bucket));
  const byBucketName = bucketPoliciesByName(index);
  return [...new Set([...byRef, ...bucketTexts(bucket).flatMap((t) => byBucketName.get(stackKey(bucket.stack, t)) ?? [])])];
}

/** Bucket policies of the stack whose `Bucket` is known only at deploy: any of them may be this bucket's. */
export function unmatchedPolicies(bucket: InventoryResource, index: InventoryIndex): InventoryResource[] {
  return index.byType('AWS::S3::BucketPolicy', bucket.stack).filter((p) => isUnknownValue(p.values) || isUnknownValue(p.values.Bucket));
}

/** Default Object Lock retention in days (`Years` count 365 days), or undefined when there is none. */
export function objectLockRetentionDays(bucket: InventoryResource): number | undefined {
  const retention = attr(bucket.values, 'ObjectLockConfiguration.Rule.DefaultRetention');
  const days = num(attr(retention as Values | undefined, 'Days'));
  const years = num(attr(retention as Values | undefined, 'Years'));
  if (days !== undefined) return days;
  return years === undefined ? undefined : years * 365;
}
