/**
 * `backup-vault-ENV`: one off-site backup vault per environment, in
 * eu-central-1 only. Composition only; the security lives in the construct.
 */
import { Stack, Tags, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { BackupVault } from '../constructs/backup-vault';
import { VAULT_REGION } from '../constructs/naming';
import { stackName } from '../data/stack-names';

export { VAULT_REGION };

/** One environment's vault, as the app receives it. */
export interface BackupVaultEnvironment {
  /** Environment name; the stack is `backup-vault-NAME`. */
  readonly name: string;
  readonly stage: 'dev' | 'staging' | 'prod';
  /** Days every backup is locked and kept; at least 14. */
  readonly retentionDays: number;
  /** Key prefix the writer may use. @default 'backups' */
  readonly writerPrefix?: string;
  /** Vault bucket name (the runner's BACKUP_BUCKET). @default generated */
  readonly bucketName?: string;
}

export interface BackupVaultStackProps extends Omit<StackProps, 'env'> {
  readonly environment: BackupVaultEnvironment;
  /** AWS account id; environment-agnostic when omitted (the region is always eu-central-1). */
  readonly account?: string;
}

export const backupVaultStackName = (environmentName: string): string => stackName('backup-vault', environmentName);

export class BackupVaultStack extends Stack {
  readonly vault: BackupVault;

  constructor(scope: Construct, props: BackupVaultStackProps) {
    const { environment, account, ...stackProps } = props;
    super(scope, backupVaultStackName(environment.name), {
      description: `Off-site backup vault of environment ${environment.name} (${environment.stage})`,
      // A prod vault must not disappear with one mistaken `cdk destroy`.
      terminationProtection: environment.stage === 'prod',
      ...stackProps,
      env: { account, region: VAULT_REGION },
    });
    Tags.of(this).add('eu-tom-kit:environment', environment.name);
    Tags.of(this).add('eu-tom-kit:stage', environment.stage);
    this.vault = new BackupVault(this, 'Vault', {
      retentionDays: environment.retentionDays,
      writerPrefix: environment.writerPrefix,
      bucketName: environment.bucketName,
    });
  }
}
