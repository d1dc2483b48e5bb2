/**
 * The vault each environment of the config gets, as plain data: kept apart
 * from `backup-vault-app.ts` so that reading the vault's bucket name, writer
 * prefix and retention (what the backup CronJobs of `workloads-<env>` must
 * match) does not load aws-cdk-lib and cdk-nag.
 */
import type { KitConfig } from '../config/schema';
import { VAULT_WRITER_PREFIX, vaultBucketName } from '../constructs/naming';
import type { BackupVaultEnvironment } from './backup-vault-stack';

/**
 * One vault per environment of the config, with the bucket name and writer
 * prefix the backup CronJobs of `workloads-<env>` write to.
 */
export function backupVaultEnvironments(config: KitConfig): BackupVaultEnvironment[] {
  return config.environments.map((env) => ({
    name: env.name,
    stage: env.stage,
    retentionDays: env.backup.retentionDays,
    writerPrefix: VAULT_WRITER_PREFIX,
    bucketName: vaultBucketName(config.project, env.name),
  }));
}
