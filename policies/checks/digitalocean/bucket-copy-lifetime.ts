import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr, isTrue } from '../../values';
import { rulePath, shortestRule } from './helpers/lifecycle';
import { MAX_COPY_LIFETIME_DAYS, OFFBOARDING_DAYS } from '../../../data/retention';

/**
 * TOM-DEL-01. No copy outlives the deletion promise once an object is
 * deleted or expires: a versioned Spaces bucket expires noncurrent versions
 * (an enabled whole-bucket `noncurrent_version_expiration`), and the longest
 * life of a copy stays within 30 + 365 days — expiration + noncurrent days
 * when objects expire, otherwise the 30 offboarding days + noncurrent days.
 * An unversioned bucket keeps no copy of a deleted object and passes; how
 * long current objects live is TOM-DEL-02's question.
 */
export function bucketCopyLifetime(bucket: InventoryResource): CheckResult {
  if (!isTrue(attr(bucket.values, 'versioning.enabled'))) return pass('unversioned: a deleted object leaves no copy behind', 'versioning.enabled');
  const noncurrent = shortestRule(bucket.values, 'noncurrent_version_expiration');
  if (!noncurrent) {
    return fail('versioning is enabled but no enabled lifecycle_rule without a prefix sets noncurrent_version_expiration.days: old versions are kept forever', 'lifecycle_rule');
  }
  const current = shortestRule(bucket.values, 'expiration');
  const before = current ? current.days : OFFBOARDING_DAYS;
  const total = before + noncurrent.days;
  const path = rulePath(noncurrent, 'noncurrent_version_expiration');
  const sum = current ? `expiration.days ${current.days}` : `${OFFBOARDING_DAYS} offboarding days`;
  if (total > MAX_COPY_LIFETIME_DAYS) {
    return fail(`${sum} + noncurrent_version_expiration.days ${noncurrent.days} = ${total}; a copy may live at most ${MAX_COPY_LIFETIME_DAYS} days (30 + 365)`, path);
  }
  return pass(`longest copy lifetime ${total} days (${sum} + ${noncurrent.days})`, path);
}
