/**
 * AWS facts the vault construct writes and the audit reads.
 */

/**
 * Tag marking the backup vault bucket: the kit's BackupVault construct writes
 * it, and the audit applies the vault controls to buckets that carry it
 * (users may set it on their own vault too).
 */
export const BACKUP_VAULT_TAG = { key: 'eu-tom-kit:purpose', value: 'backup-vault' } as const;
