import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { offboardingRule, rulePath, shortestRule } from './helpers/lifecycle';
import { MAX_COPY_LIFETIME_DAYS, OFFBOARDING_DAYS, OFFBOARDING_PREFIX } from '../../../data/retention';
import { BUCKET } from './helpers/catalogue';

/**
 * TOM-DEL-02. Current objects in a Spaces bucket have a deletion path that
 * holds without anyone remembering it: either an enabled whole-bucket rule
 * with `expiration.days` ≤ 30 + 365 (logs, exports), or — for a bucket of
 * live customer data, which must not expire during the contract — an enabled
 * rule on the `offboarding/` prefix expiring objects within 30 days, where the
 * application moves a leaving customer's objects.
 */
export function bucketRetentionCeiling(bucket: InventoryResource): CheckResult {
  const current = shortestRule(bucket.values, 'expiration');
  if (current) {
    const path = rulePath(current, 'expiration');
    if (current.days > MAX_COPY_LIFETIME_DAYS) return fail(`${path} is ${current.days}; objects must be gone within ${MAX_COPY_LIFETIME_DAYS} days (30 + 365)`, path);
    return pass(`objects expire after ${current.days} days`, path);
  }
  const offboarding = offboardingRule(bucket.values);
  if (!offboarding) {
    return fail(
      `no enabled lifecycle_rule expires objects: neither a whole-bucket expiration.days nor a rule on prefix "${OFFBOARDING_PREFIX}" for offboarded customers' objects`,
      'lifecycle_rule',
    );
  }
  const path = rulePath(offboarding, 'expiration');
  if (offboarding.days > OFFBOARDING_DAYS) return fail(`${path} is ${offboarding.days}; offboarded customers' objects must be gone within ${OFFBOARDING_DAYS} days`, path);
  return pass(`live data; objects moved to ${OFFBOARDING_PREFIX} expire after ${offboarding.days} days`, path);
}

export const control: ResourceControl = {
  id: 'TOM-DEL-02',
  title: 'Bucket objects expire within 30 days + one year',
  severity: 'medium',
  iso27001_2022: ['A.8.10', 'A.5.33'],
  iso27001_2013: ['A.18.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M18'],
  measure: 'Stored data has a retention ceiling that holds even if a deletion job fails.',
  equivalents: [],
  rationale:
    'Logs, exports and backups should expire by lifecycle, not depend on someone deleting them. Buckets of live customer data, which must not expire during the contract, declare their deletion path instead: the application moves a leaving customer\'s objects under `offboarding/`, where a lifecycle rule removes them within 30 days.',
  remediation:
    'Add an enabled `lifecycle_rule` without prefix with `expiration { days }` ≤ 395; for live-data buckets, an enabled rule with `prefix = "offboarding/"` and `expiration { days }` ≤ 30 (PrivateBucket adds it when `expireAfterDays` is not set).',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [BUCKET],
  check: bucketRetentionCeiling,
};
