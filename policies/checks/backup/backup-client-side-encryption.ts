import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { backupRole } from './helpers/jobs';
import { containers, envVars, findEnv, podSpec, CRON_JOB_TYPES } from '../kubernetes/helpers/workload';

/** An age X25519 (or hybrid post-quantum `age1pq1…`) recipient: bech32, lower case. */
const AGE_RECIPIENT = /^age1(?:pq1)?[02-9ac-hj-np-z]{58,}$/;
/** An age private key, whatever env var carries it. */
const AGE_IDENTITY = /AGE-SECRET-KEY-1/i;

/**
 * The backup job encrypts on the client before upload: env
 * `BACKUP_AGE_RECIPIENTS` lists only age public keys (`age1…`, separated by
 * commas or spaces), and the job that writes backups holds no private key
 * (no `BACKUP_AGE_IDENTITY*` var, no `AGE-SECRET-KEY-1…` value), so a
 * compromised cluster cannot read old backups.
 */
export function backupClientSideEncryption(resource: InventoryResource): CheckResult {
  if (backupRole(resource) !== 'backup') return notApplicable('not a backup job');
  const pod = podSpec(resource);
  if (!pod) return fail('the backup job has no pod spec', 'spec.job_template.spec.template.spec');
  for (const c of containers(pod)) {
    for (const env of envVars(c)) {
      if (env.name.startsWith('BACKUP_AGE_IDENTITY')) {
        return fail(`${env.name} is set in container "${c.name}": the job that writes backups must not hold the age private key`, env.path);
      }
      if (typeof env.value === 'string' && AGE_IDENTITY.test(env.value)) {
        return fail(`${env.name} in container "${c.name}" holds an age private key (AGE-SECRET-KEY-1…)`, `${env.path}.value`);
      }
    }
  }
  const found = findEnv(pod, 'BACKUP_AGE_RECIPIENTS');
  if (!found) {
    return fail('BACKUP_AGE_RECIPIENTS is not set, so backups would leave the cluster unencrypted', `${pod.path}.container[0].env`);
  }
  const { env } = found;
  if (env.valueFrom) return pass('BACKUP_AGE_RECIPIENTS comes from value_from (public keys from a ConfigMap or Secret)', `${env.path}.value_from`);
  const recipients = typeof env.value === 'string' ? env.value.split(/[\s,]+/).filter(Boolean) : [];
  if (recipients.length === 0) return fail('BACKUP_AGE_RECIPIENTS is empty', `${env.path}.value`);
  const bad = recipients.find((r) => !AGE_RECIPIENT.test(r));
  if (bad !== undefined) {
    return fail(`BACKUP_AGE_RECIPIENTS entry "${bad.slice(0, 24)}" is not an age public key (required: age1…)`, `${env.path}.value`);
  }
  return pass(`backups encrypted to ${recipients.length} age recipient(s)`, `${env.path}.value`);
}

export const control: ResourceControl = {
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
};
