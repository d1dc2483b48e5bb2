import type { CheckResult, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { backupRole } from './helpers/jobs';
import { containers, envVars, findEnv, podSpec } from '../kubernetes/helpers/workload';

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
