import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { attr, isTrue } from '../../values';
import { isBackupBucket, objectLockRetentionDays } from '../common/aws-s3';
import { BACKUP_RETENTION_DAYS, MAX_COPY_LIFETIME_DAYS } from '../common/retention';
import { show } from '../common/cloudflare-aws-reason';

const RETENTION = 'ObjectLockConfiguration.Rule.DefaultRetention';

/**
 * Every backup bucket locks new objects in COMPLIANCE mode for at least the
 * promised 14 days (nobody, root included, can delete or shorten it), and for
 * at most 30 + 365 days, so the deletion promise can still be kept.
 */
export function s3ObjectLock(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isBackupBucket(bucket, index)) return notApplicable('access-log bucket');
  const v = bucket.values;
  if (!isTrue(v.ObjectLockEnabled)) return fail(`ObjectLockEnabled is ${show(v.ObjectLockEnabled)} (required: true)`, 'ObjectLockEnabled');
  const enabled = attr(v, 'ObjectLockConfiguration.ObjectLockEnabled');
  if (enabled !== 'Enabled') {
    return fail(`ObjectLockConfiguration.ObjectLockEnabled is ${show(enabled)} (required: "Enabled")`, 'ObjectLockConfiguration.ObjectLockEnabled');
  }
  const mode = attr(v, `${RETENTION}.Mode`);
  if (mode !== 'COMPLIANCE') {
    return fail(`default retention mode is ${show(mode)} (required: "COMPLIANCE"; GOVERNANCE can be bypassed)`, `${RETENTION}.Mode`);
  }
  const days = objectLockRetentionDays(bucket);
  const unit = attr(v, `${RETENTION}.Days`) !== undefined ? 'Days' : attr(v, `${RETENTION}.Years`) !== undefined ? 'Years' : 'Days';
  if (days === undefined || days < BACKUP_RETENTION_DAYS) {
    const found = days === undefined ? 'no default retention is set' : `default retention is ${days} days`;
    return fail(`${found} (required: at least ${BACKUP_RETENTION_DAYS} days)`, `${RETENTION}.${unit}`);
  }
  if (days > MAX_COPY_LIFETIME_DAYS) {
    return fail(`default retention is ${days} days, longer than the ${MAX_COPY_LIFETIME_DAYS}-day deletion promise (required: at most ${MAX_COPY_LIFETIME_DAYS})`, `${RETENTION}.${unit}`);
  }
  return pass(`objects are locked in COMPLIANCE mode for ${days} days`, `${RETENTION}.${unit}`);
}
