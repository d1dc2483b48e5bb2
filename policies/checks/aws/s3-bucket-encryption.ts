import { fail, pass, unknown } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { attr, block, show } from '../../values';
import type { Values } from '../../values';
import { cfnText, decide } from './helpers/cloudformation';
import { bucketScope, inScope } from './helpers/s3';

const DEFAULT = 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault';
const KMS_ALGORITHMS: readonly string[] = ['aws:kms', 'aws:kms:dsse'];
const ANY_ALGORITHMS: readonly string[] = ['AES256', ...KMS_ALGORITHMS];
/** `alias/aws/s3` and other AWS-managed keys: their policy cannot be restricted and they cannot be disabled by us. */
const AWS_MANAGED_KEY = /(^|:)alias\/aws\//;

/**
 * Every bucket is encrypted at rest. The backup vault with SSE-KMS under a
 * customer-managed key (whose policy, rotation and deletion we control);
 * every other bucket with any S3 encryption. A bucket without
 * `BucketEncryption` is encrypted with SSE-S3: S3 applies it to every new
 * object of every bucket since 5 January 2023, so that is stated, not failed.
 */
export function s3BucketEncryption(bucket: InventoryResource): CheckResult {
  const scope = bucketScope(bucket);
  if (scope.kind === 'unknown') return inScope(unknown(`whether this is the backup vault decides the required key, and ${scope.why}`, 'Tags'), scope);
  return inScope(decide(bucket, ['BucketEncryption'], (b) => judge(b, scope.kind === 'vault')), scope);
}

function judge(bucket: InventoryResource, vault: boolean): CheckResult {
  const rule = block(block(bucket.values, 'BucketEncryption'), 'ServerSideEncryptionConfiguration');
  const byDefault = attr(rule, 'ServerSideEncryptionByDefault') as Values | undefined;
  const algorithm = byDefault?.SSEAlgorithm;
  const required = vault ? 'SSEAlgorithm "aws:kms" with a customer-managed KMSMasterKeyID' : `SSEAlgorithm ${ANY_ALGORITHMS.join(', ')}`;
  if (!byDefault) {
    if (vault) return fail(`no default encryption is configured, so S3 applies SSE-S3 (required: ${required})`, 'BucketEncryption');
    return pass('no BucketEncryption: S3 encrypts every new object with SSE-S3 (AES-256) by default since 5 January 2023', 'BucketEncryption');
  }
  const allowed = vault ? KMS_ALGORITHMS : ANY_ALGORITHMS;
  if (typeof algorithm !== 'string' || !allowed.includes(algorithm)) {
    return fail(`SSEAlgorithm is ${show(algorithm)} (required: ${required})`, `${DEFAULT}.SSEAlgorithm`);
  }
  if (!vault) return pass(`encrypted with ${algorithm}`, `${DEFAULT}.SSEAlgorithm`);
  const key = byDefault.KMSMasterKeyID;
  if (key === undefined || key === '' || AWS_MANAGED_KEY.test(cfnText(key))) {
    return fail(`KMSMasterKeyID is ${show(key)}, so the AWS-managed aws/s3 key is used (required: a customer-managed key)`, `${DEFAULT}.KMSMasterKeyID`);
  }
  return pass(`encrypted with ${algorithm} under ${cfnText(key)}`, `${DEFAULT}.KMSMasterKeyID`);
}
