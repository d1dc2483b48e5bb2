import { DataDigitaloceanDatabaseCluster } from '@cdktf/provider-digitalocean/lib/data-digitalocean-database-cluster';
import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Environment, KitConfig } from '../config/schema';
import { AlertRoute } from '../constructs/alert-route';
import { BackupRotation } from '../constructs/backup-rotation';
import { ClusterProviders } from '../constructs/cluster-providers';
import { FalcoRuntimeIds } from '../constructs/falco-runtime-ids';
import { clusterName, databaseClusterName, VAULT_REGION, VAULT_WRITER_PREFIX, vaultBucketName } from '../constructs/naming';
import { configureStateBackend } from './state-backend';

export interface WorkloadsStackProps {
  readonly project: string;
  readonly state: KitConfig['state'];
  readonly env: Environment;
  /** Process environment (for TOM_STATE_BACKEND); injected so tests stay deterministic. */
  readonly processEnv?: NodeJS.ProcessEnv;
}

/**
 * What runs inside one environment's cluster: Falco (runtime IDS) and the
 * backup CronJobs. It is its own stack, deployed after `platform-<env>`,
 * because the Kubernetes and Helm providers must not be configured from a
 * cluster created in the same Terraform run; here they read the cluster (and
 * the database the backups dump) by name through data sources at plan time.
 * Composition only: every security default lives in the constructs.
 */
export class WorkloadsStack extends TerraformStack {
  readonly alertRoute: AlertRoute;
  readonly cluster: ClusterProviders;
  readonly falco: FalcoRuntimeIds;
  readonly backups: BackupRotation;

  constructor(scope: Construct, id: string, props: WorkloadsStackProps) {
    super(scope, id);
    const { env, project } = props;
    configureStateBackend(this, id, props.state, props.processEnv ?? process.env);

    // Token from DIGITALOCEAN_TOKEN; only reads the cluster and the database here.
    new DigitaloceanProvider(this, 'digitalocean', {});

    // Same route as the platform stack's alerts (M6): same config, same sensitive variables.
    this.alertRoute = new AlertRoute(this, 'alerting', env.alerting);
    this.cluster = new ClusterProviders(this, 'cluster-access', { clusterName: clusterName(project, env.name) });

    this.falco = new FalcoRuntimeIds(this, 'falco', {
      route: this.alertRoute,
      allowedEgressCidrs: [env.network.vpcCidr, ...env.ids.egressAllowCidrs],
    });
    this.falco.node.addDependency(this.cluster);

    // Daily encrypted backups to the off-site vault (backup-vault-<env>) and a weekly restore drill (M8–M10).
    const database = new DataDigitaloceanDatabaseCluster(this, 'database', { name: databaseClusterName(project, env.name) });
    this.backups = new BackupRotation(this, 'backups', {
      database,
      target: { bucket: vaultBucketName(project, env.name), prefix: VAULT_WRITER_PREFIX, region: VAULT_REGION },
      image: env.backup.image,
      ageRecipients: env.backup.ageRecipients,
      retentionDays: env.backup.retentionDays,
      schedule: env.backup.schedule,
      restoreDrillSchedule: env.backup.restoreDrillSchedule,
      route: this.alertRoute,
    });
    this.backups.node.addDependency(this.cluster);
  }
}
