import type { Control } from '../../types';
import * as dailyDatabaseBackup from './daily-database-backup';
import * as backupRetention from './backup-retention';
import * as backupClientSideEncryption from './backup-client-side-encryption';
import * as backupOffSiteTls from './backup-off-site-tls';
import * as weeklyRestoreDrill from './weekly-restore-drill';
import * as backupFailureAlert from './backup-failure-alert';

/**
 * Controls over the kit's own backup scheme (the `backup/` runner as
 * Kubernetes CronJobs): daily, kept 14 days, encrypted client-side, off-site
 * over TLS, restore-tested weekly, failures alerted. DigitalOcean's native
 * database backups (daily, 7 days, same provider) do not meet the promise
 * and are not counted.
 */
export const BACKUP_CONTROLS: readonly Control[] = [
  dailyDatabaseBackup.control,
  backupRetention.control,
  backupClientSideEncryption.control,
  backupOffSiteTls.control,
  weeklyRestoreDrill.control,
  backupFailureAlert.control,
];
