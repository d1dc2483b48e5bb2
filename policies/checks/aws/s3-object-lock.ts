import { fail, notApplicable, pass, unknown } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { attr, isTrue, show } from '../../values';
import { decide } from './helpers/cloudformation';
import { bucketScope, inScope, objectLockRetentionDays } from './helpers/s3';
import { BACKUP_VAULT_TAG } from '../../../data/aws';
import { MAX_COPY_LIFETIME_DAYS, MIN_BACKUP_RETENTION_DAYS } from '../../../data/retention';
import { BUCKETS } from './helpers/catalogue';

const RETENTION = 'ObjectLockConfiguration.Rule.DefaultRetention';

/** Reason of a backup-vault control on a bucket of the general baseline. */
export const VAULT_ONLY = `general S3 bucket: this backup-vault control applies only to the vault (tag ${BACKUP_VAULT_TAG.key}=${BACKUP_VAULT_TAG.value}, or --vault-bucket)`;

/** The vault control's result on any bucket: not applicable outside the vault, unknown when the scope or values are. */
export function vaultOnly(bucket: InventoryResource, paths: readonly string[], judge: (b: InventoryResource) => CheckResult): CheckResult {
  const scope = bucketScope(bucket);
  if (scope.kind === 'general') return inScope(notApplicable(VAULT_ONLY), scope);
  if (scope.kind === 'unknown') return inScope(unknown(`whether this bucket is the backup vault is unknown: ${scope.why}`, 'Tags'), scope);
  return inScope(decide(bucket, paths, judge), scope);
}

/**
 * The backup vault locks new objects in COMPLIANCE mode for at least the
 * promised 14 days (nobody, root included, can delete or shorten it), and for
 * at most 30 + 365 days, so the deletion promise can still be kept.
 */
export function s3ObjectLock(bucket: InventoryResource): CheckResult {
  return vaultOnly(bucket, ['ObjectLockEnabled', 'ObjectLockConfiguration'], judge);
}

function judge(bucket: InventoryResource): CheckResult {
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
  if (days === undefined || days < MIN_BACKUP_RETENTION_DAYS) {
    const found = days === undefined ? 'no default retention is set' : `default retention is ${days} days`;
    return fail(`${found} (required: at least ${MIN_BACKUP_RETENTION_DAYS} days)`, `${RETENTION}.${unit}`);
  }
  if (days > MAX_COPY_LIFETIME_DAYS) {
    return fail(`default retention is ${days} days, longer than the ${MAX_COPY_LIFETIME_DAYS}-day deletion promise (required: at most ${MAX_COPY_LIFETIME_DAYS})`, `${RETENTION}.${unit}`);
  }
  return pass(`objects are locked in COMPLIANCE mode for ${days} days`, `${RETENTION}.${unit}`);
}

export const control: ResourceControl = {
  id: 'TOM-VLT-07',
  title: 'Backups are locked in COMPLIANCE mode for the retention period',
  severity: 'high',
  iso27001_2022: ['A.8.13'],
  iso27001_2013: ['A.12.3.1'],
  gdprArt32: ['c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M8', 'M9'],
  measure: 'Nobody, including the account root and a compromised writer, can delete or alter a backup during its 14-day retention.',
  equivalents: ['NIST.800.53.R4-S3BucketDefaultLockEnabled', 's3_bucket_object_lock'],
  rationale:
    'Ransomware that reaches the backup writer, or an operator mistake, must not be able to destroy the backups; GOVERNANCE mode can be bypassed with s3:BypassGovernanceRetention, COMPLIANCE cannot. The lock must also end within 30 + 365 days so the deletion promise can be kept.',
  remediation:
    'Set `objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(14))` (`ObjectLockConfiguration.Rule.DefaultRetention { Mode: COMPLIANCE, Days: 14 }`).',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3ObjectLock,
};
