import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { num } from '../../values';
import { backupRole } from './helpers/jobs';
import { findEnv, podSpec, CRON_JOB_TYPES } from '../kubernetes/helpers/workload';
import { MAX_BACKUP_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS } from '../../../data/retention';

/**
 * The backup job keeps backups at least 14 days and at most 196: env
 * `BACKUP_RETENTION_DAYS` is a whole number in the bounds the config schema
 * and the runner enforce (data/retention.ts), or unset (the runner then uses
 * 14). A value read from a ConfigMap or Secret fails: the audit cannot prove it.
 */
export function backupRetention(resource: InventoryResource): CheckResult {
  if (backupRole(resource) !== 'backup') return notApplicable('not a backup job');
  const pod = podSpec(resource);
  const found = pod && findEnv(pod, 'BACKUP_RETENTION_DAYS');
  if (!found) return pass(`BACKUP_RETENTION_DAYS unset: the runner keeps ${MIN_BACKUP_RETENTION_DAYS} days`);
  const { env } = found;
  if (env.valueFrom) {
    return fail(`BACKUP_RETENTION_DAYS comes from value_from, so the audit cannot prove it is between ${MIN_BACKUP_RETENTION_DAYS} and ${MAX_BACKUP_RETENTION_DAYS}; set it as a literal value`, `${env.path}.value_from`);
  }
  const days = num(env.value);
  const path = `${env.path}.value`;
  if (days === undefined || !Number.isInteger(days)) {
    return fail(`BACKUP_RETENTION_DAYS "${String(env.value)}" is not a whole number of days (allowed: ${MIN_BACKUP_RETENTION_DAYS}–${MAX_BACKUP_RETENTION_DAYS})`, path);
  }
  if (days < MIN_BACKUP_RETENTION_DAYS) {
    return fail(`BACKUP_RETENTION_DAYS is ${days}; backups must be kept at least ${MIN_BACKUP_RETENTION_DAYS} days`, path);
  }
  if (days > MAX_BACKUP_RETENTION_DAYS) {
    return fail(
      `BACKUP_RETENTION_DAYS is ${days}, above ${MAX_BACKUP_RETENTION_DAYS}: the runner refuses it, and a longer retention keeps copies past the deletion promise (30 days after contract end + 1 year)`,
      path,
    );
  }
  return pass(`BACKUP_RETENTION_DAYS is ${days}`, path);
}

export const control: ResourceControl = {
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
};
