/**
 * The retention promises of the TOM (`tom-measures.md`), in one place: every
 * check that judges how long a copy lives (backup jobs, the AWS vault, Spaces
 * lifecycle rules) measures against these numbers.
 */

/** M8: daily backups are kept 14 days. */
export const BACKUP_RETENTION_DAYS = 14;

/** M18: days the application's offboarding may take before it deletes a customer's live objects. */
export const OFFBOARDING_DAYS = 30;

/** M18: every remaining copy is gone within one year after the offboarding period: 30 + 365 = 395 days. */
export const MAX_COPY_LIFETIME_DAYS = OFFBOARDING_DAYS + 365;
