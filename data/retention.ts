/**
 * How long copies of data live: the retention promises of the TOM (M8, M18)
 * in one place. The config schema, the constructs (private bucket, backup
 * vault), the backup runner and the checks all read these numbers, so a
 * change here moves every layer at once.
 *
 * No imports: the backup runner image compiles `backup/` plus this file alone.
 */

/** M8: daily backups are kept at least 14 days (the published promise); also the default. */
export const MIN_BACKUP_RETENTION_DAYS = 14;

/** M18: days the application's offboarding may take before it deletes a customer's live objects. */
export const OFFBOARDING_DAYS = 30;

/** M18: the key prefix under which the application moves a leaving customer's objects; they expire after OFFBOARDING_DAYS. */
export const OFFBOARDING_PREFIX = 'offboarding/';

/** Default days an overwritten or deleted object version is kept in a versioned bucket. */
export const DEFAULT_NONCURRENT_VERSION_DAYS = 30;

/** M18: every remaining copy is gone within one year after the offboarding period: 30 + 365 = 395 days. */
export const MAX_COPY_LIFETIME_DAYS = OFFBOARDING_DAYS + 365;

/**
 * The longest backup retention that keeps the deletion promise: Object Lock
 * plus noncurrent expiry can keep a version up to 2 × (retention + 1) days,
 * and 2 × (196 + 1) = 394 ≤ 395.
 */
export const MAX_BACKUP_RETENTION_DAYS = Math.floor(MAX_COPY_LIFETIME_DAYS / 2) - 1;
