import { fail, pass, unknown } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { attr, block, show } from '../../values';
import type { Values } from '../../values';
import { cfnText, decide } from './helpers/cloudformation';
import { bucketScope, inScope } from './helpers/s3';
import { BUCKETS } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-VLT-03',
  title: 'Buckets are encrypted at rest, backups under a customer-managed key',
  severity: 'high',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.1', 'A.10.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M3', 'M9'],
  measure: 'Every object in the vault is encrypted at rest; backups with a KMS key whose use, rotation and deletion we control.',
  equivalents: ['NIST.800.53.R5-S3DefaultEncryptionKMS', 's3_bucket_default_encryption', 's3_bucket_kms_encryption', 'CKV_AWS_19', 'CKV_AWS_145'],
  rationale:
    'With a customer-managed key every decryption is authorised by its key policy and logged in CloudTrail; the AWS-managed aws/s3 key lets any principal with S3 read access decrypt. Access-log buckets may use SSE-S3 because S3 server access logging cannot write to SSE-KMS buckets.',
  remediation:
    'Backup buckets: `encryption: s3.BucketEncryption.KMS, encryptionKey: vaultKey` (`SSEAlgorithm: aws:kms` with `KMSMasterKeyID` of the key). Log buckets: at least `encryption: s3.BucketEncryption.S3_MANAGED`.',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3BucketEncryption,
};
