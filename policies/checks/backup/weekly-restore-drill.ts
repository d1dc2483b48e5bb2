import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { scheduledJobCheck } from './helpers/jobs';

/**
 * A stack with a managed database has an active restore-drill CronJob
 * (`app.kubernetes.io/component: restore-drill`) that fires at least once in
 * every 7 days, so a backup that cannot be restored is noticed within a week.
 */
export function weeklyRestoreDrill(stack: StackInfo, index: InventoryIndex): CheckResult {
  return scheduledJobCheck(stack, index, 'restore-drill', 7 * 24);
}

export const control: StackControl = {
  id: 'TOM-BAK-05',
  title: 'Weekly restore drill for every managed database',
  severity: 'high',
  iso27001_2022: ['A.8.13', 'A.5.29'],
  iso27001_2013: ['A.12.3.1', 'A.17.1.3'],
  gdprArt32: ['c', 'd'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M10'],
  measure: 'Restores are tested regularly: at least once a week the newest backup is restored and compared with the source.',
  equivalents: [],
  rationale:
    'A backup is only as good as the last successful restore. A scheduled drill that fetches, verifies, decrypts and restores the newest backup turns "we have backups" into evidence, and notices a broken key, format or upload within a week.',
  remediation:
    'Add a kubernetes_cron_job_v1 labelled app.kubernetes.io/component=restore-drill running the runner with args ["restore-drill"] on a schedule that fires at least weekly (e.g. "0 4 * * 0"), not suspended, in the stack of the database or another stack of its environment.',
  area: 'backup',
  scope: 'stack',
  check: weeklyRestoreDrill,
};
