import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
import { scheduledJobCheck } from './helpers/jobs';

/**
 * A stack with a managed database has an active backup CronJob
 * (`app.kubernetes.io/component: backup`) whose schedule fires at least once
 * in every 24 hours, checked over a whole leap year (so "every weekday" or
 * "days 1-28" fail). DigitalOcean's own daily backups are kept only 7 days
 * and cannot leave the provider, so they do not count.
 */
export function dailyDatabaseBackup(stack: StackInfo, index: InventoryIndex): CheckResult {
  return scheduledJobCheck(stack, index, 'backup', 24);
}
