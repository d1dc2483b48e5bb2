import type { Control } from '../types';
import { backupClientSideEncryption } from '../checks/backup/backup-client-side-encryption';
import { backupFailureAlert } from '../checks/backup/backup-failure-alert';
import { backupOffSiteTls } from '../checks/backup/backup-off-site-tls';
import { backupRetention } from '../checks/backup/backup-retention';
import { dailyDatabaseBackup } from '../checks/backup/daily-database-backup';
import { weeklyRestoreDrill } from '../checks/backup/weekly-restore-drill';
import { CRON_JOB_TYPES } from '../checks/kubernetes/helpers/workload';

/**
 * Controls over the kit's own backup scheme (the `backup/` runner as
 * Kubernetes CronJobs): daily, kept 14 days, encrypted client-side, off-site
 * over TLS, restore-tested weekly, failures alerted. DigitalOcean's native
 * database backups (daily, 7 days, same provider) do not meet the promise
 * and are not counted.
 */
export const BACKUP_CONTROLS: readonly Control[] = [
  {
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
  },
  {
    id: 'TOM-BAK-02',
    title: 'Backups kept at least 14 days, at most 196',
    severity: 'high',
    iso27001_2022: ['A.8.13', 'A.8.10'],
    iso27001_2013: ['A.12.3.1'],
    gdprArt32: ['c'],
    tomCategory: 'Verfügbarkeitskontrolle',
    measures: ['M8', 'M18'],
    measure: 'Each backup is kept 14 days, and no backup outlives the promised deletion of all copies.',
    equivalents: [],
    rationale:
      'A shorter rotation breaks the 14-day promise and the recovery window it gives; a retention beyond 196 days breaks the promise that every copy is gone within a year after the 30-day offboarding period (a locked version can outlive its retention by as long again), and the runner refuses it. The runner reads BACKUP_RETENTION_DAYS (default 14), so the job spec is the evidence.',
    remediation:
      'Leave BACKUP_RETENTION_DAYS unset (14 days) or set it as a literal whole number between 14 and 196 on the backup container; do not read it from a ConfigMap, which the audit cannot see.',
    area: 'backup',
    scope: 'resource',
    appliesTo: CRON_JOB_TYPES,
    check: backupRetention,
  },
  {
    id: 'TOM-BAK-03',
    title: 'Backups encrypted client-side to age public keys',
    severity: 'high',
    iso27001_2022: ['A.8.24', 'A.8.13'],
    iso27001_2013: ['A.10.1.1', 'A.10.1.2', 'A.12.3.1'],
    gdprArt32: ['a', 'c'],
    tomCategory: 'Verfügbarkeitskontrolle',
    measures: ['M9', 'M3'],
    measure: 'Database backups are stored only encrypted, and the cluster that writes them cannot decrypt them.',
    equivalents: [],
    rationale:
      'Encrypting before upload makes the backup store (another provider, another team) see only ciphertext. Encrypting to public keys only means a compromised cluster, or a leaked job spec, cannot read any earlier backup: the private key stays with the restore drill and the operators.',
    remediation:
      'Set BACKUP_AGE_RECIPIENTS on the backup container to one or more age public keys ("age1…", comma-separated) and remove any BACKUP_AGE_IDENTITY* variable or AGE-SECRET-KEY value from the backup job; give the identity only to the restore-drill job, as a file from a Secret.',
    area: 'backup',
    scope: 'resource',
    appliesTo: CRON_JOB_TYPES,
    check: backupClientSideEncryption,
  },
  {
    id: 'TOM-BAK-04',
    title: 'Backups go off-site, in the EU, over TLS',
    severity: 'high',
    iso27001_2022: ['A.8.13', 'A.8.24', 'A.5.14'],
    iso27001_2013: ['A.12.3.1', 'A.10.1.1', 'A.13.2.1', 'A.13.2.2', 'A.13.2.3'],
    gdprArt32: ['a', 'c'],
    tomCategory: 'Verfügbarkeitskontrolle',
    measures: ['M9', 'M1', 'M2'],
    measure: 'Backups are transferred over an encrypted connection to a backup store outside the primary data centre but inside the EU.',
    equivalents: [],
    rationale:
      'A backup in the same region as the database fails with it; a backup outside the EU breaks the data-location promise; a plain-http endpoint exposes the transfer. The endpoint and region the runner uses are env vars of its CronJob, so they are checked there.',
    remediation:
      'Leave AWS_ENDPOINT_URL_S3 unset and set AWS_REGION to an EU region (e.g. eu-central-1) for the AWS vault, or set AWS_ENDPOINT_URL_S3 to https://REGION.digitaloceanspaces.com with an EU region different from the database\'s region.',
    area: 'backup',
    scope: 'resource',
    appliesTo: CRON_JOB_TYPES,
    check: backupOffSiteTls,
  },
  {
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
  },
  {
    id: 'TOM-BAK-06',
    title: 'Failed backups and drills raise an alert',
    severity: 'medium',
    iso27001_2022: ['A.8.13', 'A.8.16'],
    iso27001_2013: ['A.12.3.1'],
    gdprArt32: ['b', 'c'],
    tomCategory: 'Verfügbarkeitskontrolle',
    measures: ['M8', 'M10', 'M6'],
    measure: 'A backup or restore drill that fails is reported to the team at once instead of failing silently.',
    equivalents: [],
    rationale:
      'Backup jobs fail quietly: a full disk, an expired credential or a wrong key leaves a green dashboard and no backup. The job needs a route for its failure and a bounded number of retries so the failure surfaces the same night.',
    remediation:
      'Annotate the CronJob with tom-kit/alert-route: https://… (the webhook that receives failures) or give the container ALERT_WEBHOOK_URL from a Secret; set spec.job_template.spec.backoff_limit to 0–6 and keep failed_jobs_history_limit at 1 or more.',
    area: 'backup',
    scope: 'resource',
    appliesTo: CRON_JOB_TYPES,
    check: backupFailureAlert,
  },
];
