import type { CheckResult, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { num } from '../../values';
import { backupRole } from '../common/backup-jobs';
import { findEnv, podSpec } from '../common/kubernetes-workload';

/** The promise: backups kept 14 days (M8). */
export const MIN_RETENTION_DAYS = 14;
/** M18: every copy gone within 30 + 365 days after the contract ends. */
export const MAX_RETENTION_DAYS = 30 + 365;

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
  if (!found) return pass(`BACKUP_RETENTION_DAYS unset: the runner keeps ${MIN_RETENTION_DAYS} days`);
  const { env } = found;
  if (env.valueFrom) {
    return fail('BACKUP_RETENTION_DAYS comes from value_from, so the audit cannot prove it is at least 14; set it as a literal value', `${env.path}.value_from`);
  }
  const days = num(env.value);
  const path = `${env.path}.value`;
  if (days === undefined || !Number.isInteger(days)) {
    return fail(`BACKUP_RETENTION_DAYS "${String(env.value)}" is not a whole number of days (allowed: ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS})`, path);
  }
  if (days < MIN_RETENTION_DAYS) {
    return fail(`BACKUP_RETENTION_DAYS is ${days}; backups must be kept at least ${MIN_RETENTION_DAYS} days`, path);
  }
  if (days > MAX_RETENTION_DAYS) {
    return fail(`BACKUP_RETENTION_DAYS is ${days}; copies must be gone within ${MAX_RETENTION_DAYS} days (30 days after contract end + 1 year)`, path);
  }
  return pass(`BACKUP_RETENTION_DAYS is ${days}`, path);
}
