import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
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

export const control: StackControl = {
  id: 'TOM-BAK-01',
  title: 'Daily backup job for every managed database',
  severity: 'critical',
  iso27001_2022: ['A.8.13'],
  iso27001_2013: ['A.12.3.1'],
  gdprArt32: ['c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M8'],
  measure: 'Databases are backed up every day by the kit\'s own backup job, independent of the provider\'s 7-day snapshots.',
  equivalents: [],
  rationale:
    'The promise is a daily backup kept 14 days on an external server; DigitalOcean keeps its managed-database backups 7 days, inside the same provider, and that cannot be changed. Only a scheduled job of our own meets it, and only if its schedule really fires every day: "0 2 * * 1-5" or "0 2 1-28 * *" silently skip days.',
  remediation:
    'Add a kubernetes_cron_job_v1 labelled app.kubernetes.io/component=backup that runs the backup runner (args ["run"]) with a five-field schedule such as "0 2 * * *" (or spec.timezone set for local hours, outside the daylight-saving gap), and keep spec.suspend false, in the stack of the database or another stack of its environment (the kit puts it in workloads-<env>).',
  area: 'backup',
  scope: 'stack',
  check: dailyDatabaseBackup,
};
