import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { attr, isTrue } from '../../values';
import { rulePath, shortestRule } from './helpers/lifecycle';
import { MAX_COPY_LIFETIME_DAYS, OFFBOARDING_DAYS } from '../../../data/retention';
import { BUCKET } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-DEL-01',
  title: 'No copy of deleted bucket data kept beyond 30 days + one year',
  severity: 'high',
  iso27001_2022: ['A.8.10', 'A.5.33', 'A.5.34'],
  iso27001_2013: ['A.18.1.3', 'A.18.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M18'],
  measure: 'Personal data is deleted 30 days after the contract ends and every remaining copy within a further year.',
  equivalents: [],
  rationale:
    'In a versioned bucket a delete or expiry only hides the object; the old version stays until a noncurrent-version expiry removes it. Versioning without that expiry keeps every deleted personal record forever. The longest life of a copy is the current-object expiry (or the 30 offboarding days) plus the noncurrent expiry.',
  remediation:
    'On versioned buckets add an enabled `lifecycle_rule` without prefix with `noncurrent_version_expiration { days }`, keeping expiration (or 30) + noncurrent days ≤ 395.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [BUCKET],
  check: bucketCopyLifetime,
};
