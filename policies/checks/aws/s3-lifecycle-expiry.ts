import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { attr, block, blocks, num } from '../../values';
import type { Values } from '../../values';
import { objectLockRetentionDays } from './helpers/s3';
import { vaultOnly } from './s3-object-lock';
import { MAX_COPY_LIFETIME_DAYS, MIN_BACKUP_RETENTION_DAYS } from '../../../data/retention';
import { BUCKETS } from './helpers/catalogue';

const RULES = 'LifecycleConfiguration.Rules';

/** True for an enabled rule without Prefix, tag or size filter: it reaches every object. */
function coversWholeBucket(rule: Values): boolean {
  const prefix = rule.Prefix;
  return (
    rule.Status === 'Enabled' &&
    (prefix === undefined || prefix === '') &&
    blocks(rule, 'TagFilters').length === 0 &&
    rule.ObjectSizeGreaterThan === undefined &&
    rule.ObjectSizeLessThan === undefined
  );
}

const noncurrentDaysOf = (rule: Values): number | undefined =>
  num(attr(rule, 'NoncurrentVersionExpiration.NoncurrentDays')) ?? num(rule.NoncurrentVersionExpirationInDays);

/**
 * The backup vault deletes what it holds on schedule: an enabled lifecycle
 * rule covering the whole bucket expires current versions no earlier than the
 * retention (Object Lock days, at least 14) and, on a versioned bucket,
 * noncurrent versions too, so that the longest life of any copy (expiry +
 * noncurrent days) stays within 30 + 365 days.
 */
export function s3LifecycleExpiry(bucket: InventoryResource): CheckResult {
  return vaultOnly(bucket, ['LifecycleConfiguration', 'ObjectLockConfiguration', 'VersioningConfiguration'], judge);
}

function judge(bucket: InventoryResource): CheckResult {
  const retention = Math.max(objectLockRetentionDays(bucket) ?? 0, MIN_BACKUP_RETENTION_DAYS);
  const rules = blocks(block(bucket.values, 'LifecycleConfiguration'), 'Rules');
  const whole = rules.map((rule, i) => ({ rule, i })).filter(({ rule }) => coversWholeBucket(rule));
  const expiring = whole.find(({ rule }) => num(rule.ExpirationInDays) !== undefined);
  if (!expiring) {
    const filtered = rules.findIndex((r) => r.Status === 'Enabled' && num(r.ExpirationInDays) !== undefined);
    if (filtered >= 0) {
      return fail(`lifecycle rule ${filtered} expires only a filtered part of the bucket (required: a rule without Prefix, tag or size filter)`, `${RULES}[${filtered}]`);
    }
    return fail(`no enabled lifecycle rule sets ExpirationInDays, so backups are kept forever (required: between ${retention} and ${MAX_COPY_LIFETIME_DAYS} days)`, RULES);
  }
  const at = `${RULES}[${expiring.i}]`;
  const expiry = num(expiring.rule.ExpirationInDays) as number;
  if (expiry < retention) return fail(`ExpirationInDays is ${expiry}, shorter than the ${retention}-day retention`, `${at}.ExpirationInDays`);
  if (expiry > MAX_COPY_LIFETIME_DAYS) return fail(`ExpirationInDays is ${expiry} (required: at most ${MAX_COPY_LIFETIME_DAYS})`, `${at}.ExpirationInDays`);
  if (attr(bucket.values, 'VersioningConfiguration.Status') === undefined) return pass(`backups expire after ${expiry} days`, `${at}.ExpirationInDays`);

  const noncurrentPath = `${at}.NoncurrentVersionExpiration.NoncurrentDays`;
  const noncurrent = whole.map(({ rule }) => noncurrentDaysOf(rule)).find((d) => d !== undefined);
  if (noncurrent === undefined) {
    return fail('the bucket is versioned but no lifecycle rule expires noncurrent versions, so expired backups survive as old versions forever', noncurrentPath);
  }
  if (noncurrent < retention) return fail(`NoncurrentDays is ${noncurrent}, shorter than the ${retention}-day retention`, noncurrentPath);
  if (expiry + noncurrent > MAX_COPY_LIFETIME_DAYS) {
    return fail(`a backup can live ${expiry} + ${noncurrent} = ${expiry + noncurrent} days (required: at most ${MAX_COPY_LIFETIME_DAYS})`, noncurrentPath);
  }
  return pass(`backups expire after ${expiry} days and their old versions ${noncurrent} days later`, `${at}.ExpirationInDays`);
}

export const control: ResourceControl = {
  id: 'TOM-VLT-08',
  title: 'Backups and their old versions expire on schedule',
  severity: 'high',
  iso27001_2022: ['A.8.10', 'A.5.33', 'A.5.34'],
  iso27001_2013: ['A.18.1.3', 'A.18.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M8', 'M18'],
  measure: 'Backups are kept for the promised retention and every copy, old versions included, is deleted within 30 + 365 days.',
  equivalents: ['s3_bucket_lifecycle_enabled'],
  rationale:
    'Versioned buckets keep every overwritten or expired object as a noncurrent version until a lifecycle rule removes it; without expiry of both, personal data in backups outlives every deletion promise.',
  remediation:
    'Add `lifecycleRules: [{ expiration: Duration.days(retention + 1), noncurrentVersionExpiration: Duration.days(retention + 1), abortIncompleteMultipartUploadAfter: Duration.days(1) }]` without prefix or tag filters.',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3LifecycleExpiry,
};
