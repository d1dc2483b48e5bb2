import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { AlertRoute } from './alert-route';

/** Where the runner writes: the off-site vault (AWS S3 in the EU, or any S3-compatible EU endpoint). */
export interface BackupTarget {
  readonly bucket: string;
  /** Key prefix; must equal the vault writer's prefix. */
  readonly prefix: string;
  /** AWS region of the vault, e.g. `eu-central-1`. */
  readonly region: string;
  /** https endpoint for S3-compatible targets; omit for AWS S3. */
  readonly endpoint?: string;
}

/**
 * Connection attributes of the managed database: a `digitalocean_database_cluster`
 * resource, or the data source of that name when the database lives in another stack.
 */
export interface BackupDatabase {
  readonly privateHost: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface BackupRotationProps {
  readonly database: BackupDatabase;
  readonly target: BackupTarget;
  /** Runner image (`Dockerfile.backup`), pinned. */
  readonly image: string;
  /** age public keys: offline recovery + restore drill. The job holds no private key. */
  readonly ageRecipients: readonly string[];
  /** Days the runner keeps backups (the vault's Object Lock enforces the same). */
  readonly retentionDays: number;
  /** Daily backup, cron in UTC. */
  readonly schedule: string;
  /** Weekly restore drill, cron in UTC. */
  readonly restoreDrillSchedule: string;
  readonly route: AlertRoute;
  /** @default backup */
  readonly namespace?: string;
  /**
   * Kubernetes secret (created out of band, never in Terraform) with the
   * vault writer's `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
   * @default backup-s3-credentials
   */
  readonly s3CredentialsSecret?: string;
  /**
   * Kubernetes secret (created out of band) with the restore-drill age
   * identity under the key `identity`; only the drill job mounts it.
   * @default backup-drill-age-identity
   */
  readonly drillIdentitySecret?: string;
}

/** The runner image (Dockerfile.backup) runs as this non-root user. */
const RUNNER_UID = 1000;

/**
 * The kit's own backup rotation in the cluster (M8–M10): a daily encrypted
 * `pg_dump` to the off-site vault and a weekly restore drill, both as
 * hardened CronJobs (non-root, read-only root filesystem, no privilege
 * escalation, limited resources) with credentials only from secrets and
 * failures reported to the alert route.
 */
export class BackupRotation extends Construct {
  readonly backupJob: CronJobV1;
  readonly restoreDrillJob: CronJobV1;

  constructor(scope: Construct, id: string, props: BackupRotationProps) {
    super(scope, id);
    if (props.ageRecipients.length === 0) throw new Error('ageRecipients: backups are always encrypted; give at least one age public key');
    if (props.retentionDays < 14) throw new Error(`retentionDays ${props.retentionDays}: at least 14 days are promised`);
    if (props.target.endpoint && !props.target.endpoint.startsWith('https://')) throw new Error(`target.endpoint ${props.target.endpoint}: backups travel over https only`);

    const namespace = new NamespaceV1(this, 'namespace', {
      metadata: { name: props.namespace ?? 'backup', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    });
    const ns = namespace.metadata.name;
    const s3Secret = props.s3CredentialsSecret ?? 'backup-s3-credentials';
    const drillSecret = props.drillIdentitySecret ?? 'backup-drill-age-identity';

    // Connection of the managed database, from its attributes: references in the JSON, never literals.
    const dbSecret = new SecretV1(this, 'database-credentials', {
      metadata: { name: 'backup-database', namespace: ns },
      data: {
        PGHOST: props.database.privateHost,
        PGPORT: Fn.tostring(props.database.port),
        PGUSER: props.database.user,
        PGPASSWORD: props.database.password,
        PGDATABASE: props.database.database,
      },
    });

    const fromSecret = (secret: string, key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: secret, key } } });
    const commonEnv = [
      ...['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE'].map((k) => fromSecret(dbSecret.metadata.name, k)),
      fromSecret(s3Secret, 'AWS_ACCESS_KEY_ID'),
      fromSecret(s3Secret, 'AWS_SECRET_ACCESS_KEY'),
      { name: 'PGSSLMODE', value: 'require' },
      { name: 'AWS_REGION', value: props.target.region },
      ...(props.target.endpoint ? [{ name: 'AWS_ENDPOINT_URL_S3', value: props.target.endpoint }] : []),
      { name: 'BACKUP_BUCKET', value: props.target.bucket },
      { name: 'BACKUP_PREFIX', value: props.target.prefix },
      { name: 'BACKUP_RETENTION_DAYS', value: String(props.retentionDays) },
      { name: 'ALERT_WEBHOOK_URL', value: props.route.webhookUrl },
    ];

    const job = (name: string, component: 'backup' | 'restore-drill', schedule: string, args: string[], extra: { env: object[]; volumes: object[]; mounts: object[] }) =>
      new CronJobV1(this, name, {
        metadata: {
          name,
          namespace: ns,
          labels: { 'app.kubernetes.io/name': 'tom-backup', 'app.kubernetes.io/component': component },
          annotations: { 'tom-kit/alert-route': props.route.webhookUrl },
        },
        spec: {
          schedule,
          timezone: 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: 3600,
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 5,
          jobTemplate: {
            metadata: { labels: { 'app.kubernetes.io/component': component } },
            spec: {
              backoffLimit: 2,
              activeDeadlineSeconds: 6 * 3600,
              template: {
                metadata: { labels: { 'app.kubernetes.io/name': 'tom-backup', 'app.kubernetes.io/component': component } },
                spec: {
                  restartPolicy: 'Never',
                  automountServiceAccountToken: false,
                  securityContext: { runAsNonRoot: true, runAsUser: String(RUNNER_UID), runAsGroup: String(RUNNER_UID), fsGroup: String(RUNNER_UID), seccompProfile: { type: 'RuntimeDefault' } },
                  container: [
                    {
                      name: 'runner',
                      image: props.image,
                      imagePullPolicy: 'IfNotPresent',
                      args,
                      env: [...commonEnv, ...extra.env] as never,
                      securityContext: {
                        runAsNonRoot: true,
                        readOnlyRootFilesystem: true,
                        allowPrivilegeEscalation: false,
                        privileged: false,
                        capabilities: { drop: ['ALL'] },
                      },
                      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
                      volumeMount: [{ name: 'tmp', mountPath: '/tmp' }, ...extra.mounts] as never,
                    },
                  ],
                  volume: [{ name: 'tmp', emptyDir: { sizeLimit: '2Gi' } }, ...extra.volumes] as never,
                },
              },
            },
          },
        },
      });

    this.backupJob = job('db-backup', 'backup', props.schedule, ['run'], {
      env: [{ name: 'BACKUP_AGE_RECIPIENTS', value: props.ageRecipients.join(',') }],
      volumes: [],
      mounts: [],
    });
    this.restoreDrillJob = job('restore-drill', 'restore-drill', props.restoreDrillSchedule, ['restore-drill'], {
      env: [
        { name: 'BACKUP_AGE_IDENTITY_FILE', value: '/run/secrets/age/identity' },
        { name: 'RESTORE_PGDATABASE', value: 'restore_drill' },
      ],
      volumes: [{ name: 'age-identity', secret: { secretName: drillSecret, defaultMode: '0400' } }],
      mounts: [{ name: 'age-identity', mountPath: '/run/secrets/age', readOnly: true }],
    });
  }
}
