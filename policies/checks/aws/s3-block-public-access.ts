import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { attr, isTrue } from '../../values';
import { decide } from './helpers/cloudformation';
import { bucketScope, inScope } from './helpers/s3';

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
