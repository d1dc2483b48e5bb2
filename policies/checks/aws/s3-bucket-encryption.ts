import { fail, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr, block } from '../../values';
import type { Values } from '../../values';
import { cfnText } from '../common/aws-cloudformation';
import { isBackupBucket } from '../common/aws-s3';
import { show } from '../common/cloudflare-aws-reason';

const DEFAULT = 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault';
const KMS_ALGORITHMS: readonly string[] = ['aws:kms', 'aws:kms:dsse'];
const ANY_ALGORITHMS: readonly string[] = ['AES256', ...KMS_ALGORITHMS];
/** `alias/aws/s3` and other AWS-managed keys: their policy cannot be restricted and they cannot be disabled by us. */
const AWS_MANAGED_KEY = /(^|:)alias\/aws\//;

/**
 * Every bucket encrypts by default; backup buckets with SSE-KMS under a
 * customer-managed key (whose policy, rotation and deletion we control),
 * access-log buckets at least with SSE-S3 (S3 server access logging cannot
 * write to SSE-KMS buckets).
 */
export function s3BucketEncryption(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  const rule = block(block(bucket.values, 'BucketEncryption'), 'ServerSideEncryptionConfiguration');
  const byDefault = attr(rule, 'ServerSideEncryptionByDefault') as Values | undefined;
  const algorithm = byDefault?.SSEAlgorithm;
  const backup = isBackupBucket(bucket, index);
  const required = backup ? 'SSEAlgorithm "aws:kms" with a customer-managed KMSMasterKeyID' : `SSEAlgorithm ${ANY_ALGORITHMS.join(', ')}`;
  if (!byDefault) return fail(`no default encryption is configured (required: ${required})`, 'BucketEncryption');
  const allowed = backup ? KMS_ALGORITHMS : ANY_ALGORITHMS;
  if (typeof algorithm !== 'string' || !allowed.includes(algorithm)) {
    return fail(`SSEAlgorithm is ${show(algorithm)} (required: ${required})`, `${DEFAULT}.SSEAlgorithm`);
  }
  if (!backup) return pass(`encrypted with ${algorithm}`, `${DEFAULT}.SSEAlgorithm`);
  const key = byDefault.KMSMasterKeyID;
  if (key === undefined || key === '' || AWS_MANAGED_KEY.test(cfnText(key))) {
    return fail(`KMSMasterKeyID is ${show(key)}, so the AWS-managed aws/s3 key is used (required: a customer-managed key)`, `${DEFAULT}.KMSMasterKeyID`);
  }
  return pass(`encrypted with ${algorithm} under ${cfnText(key)}`, `${DEFAULT}.KMSMasterKeyID`);
}
