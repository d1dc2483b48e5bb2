/**
 * The off-site backup vault: an S3 bucket in AWS that the cluster (running at
 * DigitalOcean) writes encrypted backups into and can never delete from.
 *
 * Everything the TOM promises is the default here (M3 encryption with a
 * rotating customer key, M8 14-day retention that nobody can shorten, M9
 * least-privilege writer over TLS, M7 access logging, M18 every copy gone
 * after the retention). The only way to weaken it is the named opt-out
 * `unsafeGovernanceMode`, which shows up in the template for the audit.
 */
import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The published promise: backups are kept 14 days. */
export const MIN_VAULT_RETENTION_DAYS = 14;

/**
 * A backup version lives at most `2 × (retentionDays + 1)` days: current until
 * the lifecycle expiry, then noncurrent until the noncurrent expiry. M18 allows
 * every copy of personal data at most 30 + 365 days, so 196 is the ceiling.
 */
export const MAX_VAULT_RETENTION_DAYS = 196;

export const DEFAULT_WRITER_PREFIX = 'backups';

/** Access logs are evidence (M7) for a year, then deleted (M18). */
const ACCESS_LOG_RETENTION_DAYS = 365;

const S3_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/**
 * Key prefix the writer may use: path segments of letters, digits, `.`, `_`
 * and `-`. No `*` or `?`: they would widen the IAM resource pattern.
 */
const PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export interface BackupVaultProps {
  /**
   * Days every backup version is locked in Object Lock COMPLIANCE mode: no
   * user, not even the account root, can delete or overwrite it earlier.
   * Current versions expire the day after the lock ends, noncurrent versions
   * `retentionDays + 1` days after that, so nothing outlives
   * `2 × (retentionDays + 1)` days. Whole days, 14 to 196.
   *
   * @default 14
   */
  readonly retentionDays?: number;

  /**
   * Key prefix (without leading or trailing `/`) under which the writer may
   * put, get and list objects. Nothing outside it is reachable with the
   * writer's keys. Must match the runner's `BACKUP_PREFIX`.
   *
   * @default 'backups'
   */
  readonly writerPrefix?: string;

  /**
   * Opt-out: lock versions in GOVERNANCE instead of COMPLIANCE mode, so a
   * principal with `s3:BypassGovernanceRetention` can delete backups before
   * the retention ends. Only for throw-away vaults (e.g. a dev account that
   * must be torn down); the template then records `Mode: GOVERNANCE`, which
   * the audit reports as a failed retention control unless waived.
   *
   * @default false
   */
  readonly unsafeGovernanceMode?: boolean;
}

/** Thrown for props the vault refuses; the message names the field, the value and what is allowed. */
export class BackupVaultPropsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupVaultPropsError';
  }
}

/** The props with defaults applied, after validation. */
export interface ResolvedBackupVaultProps {
  readonly retentionDays: number;
  readonly writerPrefix: string;
  readonly unsafeGovernanceMode: boolean;
}

/**
 * Applies defaults and refuses anything weaker than the promise. Exported so
 * the app can check every environment before it writes anything.
 */
export function resolveBackupVaultProps(props: BackupVaultProps = {}): ResolvedBackupVaultProps {
  const retentionDays = props.retentionDays ?? MIN_VAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_VAULT_RETENTION_DAYS || retentionDays > MAX_VAULT_RETENTION_DAYS) {
    throw new BackupVaultPropsError(
      `retentionDays is ${JSON.stringify(retentionDays)}; it must be a whole number of days from ${MIN_VAULT_RETENTION_DAYS} ` +
        `(the published backup retention) to ${MAX_VAULT_RETENTION_DAYS} (so every copy is deleted within 30 + 365 days).`,
    );
  }
  const writerPrefix = props.writerPrefix ?? DEFAULT_WRITER_PREFIX;
  if (typeof writerPrefix !== 'string' || writerPrefix.length > 200 || !PREFIX_PATTERN.test(writerPrefix)) {
    throw new BackupVaultPropsError(
      `writerPrefix is ${JSON.stringify(writerPrefix)}; it must be up to 200 characters of path segments made of letters, digits, ` +
        `".", "_" and "-", separated by "/", with no leading or trailing "/" and no wildcards (e.g. "backups" or "backups/prod").`,
    );
  }
  return { retentionDays, writerPrefix, unsafeGovernanceMode: props.unsafeGovernanceMode ?? false };
}

/**
 * Acknowledges one cdk-nag rule with the reason it does not apply, on the
 * CloudFormation resource itself (not the L2 construct), so it covers exactly
 * that resource and not, say, the bucket's policy beside it.
 */
function acknowledge(scope: Construct, id: string, reason: string): void {
  Validations.of(scope.node.defaultChild ?? scope).acknowledge({ id, reason });
}

export class BackupVault extends Construct {
  /** Customer-managed key (yearly rotation) that encrypts every backup object. */
  readonly key: kms.Key;
  /** The vault bucket. */
  readonly bucket: s3.Bucket;
  /** Receives the vault's S3 server access logs. */
  readonly accessLogBucket: s3.Bucket;
  /**
   * The backup writer. An IAM user because the writer runs in a Kubernetes
   * cluster outside AWS: its access key pair is created out of band (console
   * or CLI, never in this template) and stored as a Kubernetes secret. IAM
   * Roles Anywhere would avoid long-lived keys but needs a private CA, a trust
   * anchor and certificate rotation inside the cluster; for one write-only,
   * delete-less identity whose worst case is extra objects that expire on
   * their own, the user is the smaller attack surface to operate.
   */
  readonly writer: iam.User;
  readonly props: ResolvedBackupVaultProps;

  constructor(scope: Construct, id: string, props: BackupVaultProps = {}) {
    super(scope, id);
    // Grant log delivery through the log bucket's policy instead of the legacy
    // LogDeliveryWrite ACL, so both buckets can keep ACLs disabled. Set here
    // (before any child exists) so the vault does not depend on the app's flags.
    this.node.setContext(S3_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.props = resolveBackupVaultProps(props);
    const { retentionDays, writerPrefix, unsafeGovernanceMode } = this.props;

    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the off-site backup vault objects',
      enableKeyRotation: true,
    });

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only into SSE-S3 buckets without
      // Object Lock default retention, hence no KMS key and no lock here.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(ACCESS_LOG_RETENTION_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    const expiryDays = retentionDays + 1;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket instead of a KMS call per object.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: unsafeGovernanceMode
        ? s3.ObjectLockRetention.governance(Duration.days(retentionDays))
        : s3.ObjectLockRetention.compliance(Duration.days(retentionDays)),
      lifecycleRules: [
        {
          id: 'expire-after-retention',
          // Object Lock refuses any earlier deletion anyway; the day after the
          // lock ends the version becomes noncurrent, one period later it is gone.
          expiration: Duration.days(expiryDays),
          noncurrentVersionExpiration: Duration.days(expiryDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'vault/',
    });

    this.denyOtherEncryption();
    const writerPolicy = this.createWriterPolicy(writerPrefix);
    const group = new iam.Group(this, 'WriterGroup', { managedPolicies: [writerPolicy] });
    this.writer = new iam.User(this, 'Writer', { groups: [group] });
    this.acknowledgeByDesign(writerPolicy);

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Vault bucket (BACKUP_BUCKET of the runner)' });
    new CfnOutput(this, 'WriterUserName', { value: this.writer.userName, description: 'Create its access key out of band' });
  }

  /**
   * Put/get/list under the prefix, the key only through S3 in this region; no
   * delete, no bucket configuration, no retention changes. A customer-managed
   * policy on a group the user joins, never inline or on the user itself
   * (NIST.800.53.R5-IAMNoInlinePolicy, -IAMUserNoPolicies).
   */
  private createWriterPolicy(prefix: string): iam.ManagedPolicy {
    const region = Stack.of(this).region;
    return new iam.ManagedPolicy(this, 'WriterPolicy', {
      description: `Backup writer: put/get/list under ${prefix}/ only, no delete`,
      statements: [
        new iam.PolicyStatement({
          sid: 'PutGetBackupObjects',
          actions: ['s3:PutObject', 's3:GetObject'],
          resources: [this.bucket.arnForObjects(`${prefix}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ListBackupPrefix',
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${prefix}/*`] } },
        }),
        new iam.PolicyStatement({
          sid: 'UseVaultKeyViaS3',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [this.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        }),
      ],
    });
  }

  /**
   * Refuse uploads that ask for any encryption other than this vault's key
   * (SSE-S3, the account's `aws/s3` key, SSE-C): default encryption alone can
   * be overridden per request.
   */
  private denyOtherEncryption(): void {
    const objects = this.bucket.arnForObjects('*');
    const deny = (sid: string, conditions: Record<string, Record<string, string>>) =>
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [objects], conditions }),
      );
    deny('DenyOtherSseAlgorithm', { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } });
    deny('DenyOtherKmsKey', { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': this.key.keyArn } });
    deny('DenyCustomerProvidedKeys', { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } });
  }

  /** cdk-nag rules this design answers differently, each with its reason, next to the resource it concerns. */
  private acknowledgeByDesign(writerPolicy: iam.ManagedPolicy): void {
    const stack = Stack.of(this);
    const bucketId = stack.resolve((this.bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
    acknowledge(
      writerPolicy,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${this.props.writerPrefix}/*]`,
      `The wildcard is the writer's own key prefix (${this.props.writerPrefix}/); backup object names carry a timestamp, so they cannot be listed in advance, and no other prefix or bucket is reachable.`,
    );
    acknowledge(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Single off-site copy by design: the primary copy is the live database at DigitalOcean, so the vault already is a separate provider and failure domain; a replica in a second AWS region would only add another copy of personal data to track and delete.',
    );
    acknowledge(
      this.accessLogBucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Access logs are audit evidence for this vault only; replicating them would copy requester IP addresses into another region without need, and losing the region loses the vault they describe as well.',
    );
    acknowledge(
      this.accessLogBucket,
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'S3 server access logging can only deliver into a destination bucket with SSE-S3 default encryption (SSE-KMS is not supported), so the log bucket is encrypted with SSE-S3 (AES-256).',
    );
  }
}

