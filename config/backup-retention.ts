/**
 * The retention bounds of backups, shared by the config schema and the
 * backup runner's `rotate` (which refuses what the config refuses). A file of
 * its own, without imports: the runner image compiles backup/ and this file
 * only, without the schema's dependencies.
 */

/** The GDPR-driven floor: the published promise is 14 days of backups. */
export const MIN_BACKUP_RETENTION_DAYS = 14;

/**
 * Object Lock plus noncurrent expiry can keep a version up to 2 × (retention + 1) days; the
 * deletion promise (M18) allows at most 30 + 365, so 196 is the longest retention that keeps it.
 */
export const MAX_BACKUP_RETENTION_DAYS = 196;
