import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
import { scheduledJobCheck } from './helpers/jobs';

/**
 * A stack with a managed database has an active restore-drill CronJob
 * (`app.kubernetes.io/component: restore-drill`) that fires at least once in
 * every 7 days, so a backup that cannot be restored is noticed within a week.
 */
export function weeklyRestoreDrill(stack: StackInfo, index: InventoryIndex): CheckResult {
  return scheduledJobCheck(stack, index, 'restore-drill', 7 * 24);
}
