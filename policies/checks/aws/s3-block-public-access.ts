import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { attr, isTrue } from '../../values';
import { decide } from './helpers/cloudformation';
import { bucketScope, inScope } from './helpers/s3';
import { BUCKETS } from './helpers/catalogue';

const FLAGS: readonly string[] = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/**
 * Every bucket (vault and general baseline alike) sets all four Block Public
 * Access flags, so neither an ACL nor a bucket policy, present or future, can
 * make its objects public.
 */
export function s3BlockPublicAccess(bucket: InventoryResource): CheckResult {
  return inScope(decide(bucket, ['PublicAccessBlockConfiguration'], judge), bucketScope(bucket));
}

function judge(bucket: InventoryResource): CheckResult {
  const open = FLAGS.filter((flag) => !isTrue(attr(bucket.values, `PublicAccessBlockConfiguration.${flag}`)));
  if (open.length === 0) return pass('all four Block Public Access flags are true', 'PublicAccessBlockConfiguration');
  return fail(`${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} not true (required: all four Block Public Access flags true)`, `PublicAccessBlockConfiguration.${open[0]}`);
}

export const control: ResourceControl = {
  id: 'TOM-VLT-04',
  title: 'Block Public Access on every bucket',
  severity: 'critical',
  iso27001_2022: ['A.8.3', 'A.5.15'],
  iso27001_2013: ['A.9.4.1', 'A.9.1.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M17'],
  measure: 'No ACL or bucket policy can make backups or access logs public.',
  equivalents: ['AwsSolutions-S2', 'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited', 's3_bucket_level_public_access_block', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
  rationale: 'All four flags together block public ACLs and policies now and in future changes; any one missing leaves a path to a public bucket.',
  remediation: 'Set `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL` (all four `PublicAccessBlockConfiguration` flags true).',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3BlockPublicAccess,
};
