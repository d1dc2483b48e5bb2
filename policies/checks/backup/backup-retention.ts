import type { CheckResult, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { num } from '../../values';
import { backupRole } from '../common/backup-jobs';
import { findEnv, podSpec } from '../common/kubernetes-workload';
import { BACKUP_RETENTION_DAYS, MAX_COPY_LIFETIME_DAYS } from '../common/retention';

/**
 * The backup job keeps backups at least 14 days and at most 395: env
 * `BACKUP_RETENTION_DAYS` is a whole number in that range, or unset (the
 * runner then uses 14). A value read from a ConfigMap or Secret fails: the
 * audit cannot prove it.
 */
export function backupRetention(resource: InventoryResource): CheckResult {
  if (backupRole(resource) !== 'backup') return notApplicable('not a backup job');
  const pod = podSpec(resource);
  const found = pod && findEnv(pod, 'BACKUP_RETENTION_DAYS');
  if (!found) return pass(`BACKUP_RETENTION_DAYS unset: the runner keeps ${BACKUP_RETENTION_DAYS} days`);
  const { env } = found;
  if (env.valueFrom) {
    return fail('BACKUP_RETENTION_DAYS comes from value_from, so the audit cannot prove it is at least 14; set it as a literal value', `${env.path}.value_from`);
  }
  const days = num(env.value);
  const path = `${env.path}.value`;
  if (days === undefined || !Number.isInteger(days)) {
    return fail(`BACKUP_RETENTION_DAYS "${String(env.value)}" is not a whole number of days (allowed: ${BACKUP_RETENTION_DAYS}–${MAX_COPY_LIFETIME_DAYS})`, path);
  }
  if (days < BACKUP_RETENTION_DAYS) {
    return fail(`BACKUP_RETENTION_DAYS is ${days}; backups must be kept at least ${BACKUP_RETENTION_DAYS} days`, path);
  }
  if (days > MAX_COPY_LIFETIME_DAYS) {
    return fail(`BACKUP_RETENTION_DAYS is ${days}; copies must be gone within ${MAX_COPY_LIFETIME_DAYS} days (30 days after contract end + 1 year)`, path);
  }
  return pass(`BACKUP_RETENTION_DAYS is ${days}`, path);
}
