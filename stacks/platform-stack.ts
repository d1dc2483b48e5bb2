import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { withReplica, type Environment, type KitConfig } from '../config/schema';
import { AlertRoute } from '../constructs/alert-route';
import { BackupRotation } from '../constructs/backup-rotation';
import { BastionHost } from '../constructs/bastion-host';
import { CapacityAlerts } from '../constructs/capacity-alerts';
import { ClusterProviders } from '../constructs/cluster-providers';
import { EncryptedDatabase } from '../constructs/encrypted-database';
import { EnvironmentProject } from '../constructs/environment-project';
import { EuKubernetesCluster } from '../constructs/eu-kubernetes-cluster';
import { FalcoRuntimeIds } from '../constructs/falco-runtime-ids';
import { resourceName, tag, VAULT_REGION, VAULT_WRITER_PREFIX, vaultBucketName } from '../constructs/naming';
import { NetworkBoundary } from '../constructs/network-boundary';
import { OriginLoadBalancer } from '../constructs/origin-load-balancer';
import { PrivateBucket } from '../constructs/private-bucket';
import { UptimeMonitoring } from '../constructs/uptime-monitoring';
import { configureStateBackend } from './state-backend';

export interface PlatformStackProps {
  readonly project: string;
  readonly state: KitConfig['state'];
  readonly env: Environment;
  /** Process environment (for TOM_STATE_BACKEND); injected so tests stay deterministic. */
  readonly processEnv?: NodeJS.ProcessEnv;
}

/**
 * One environment's DigitalOcean platform: its own project and VPCs, a
 * Kubernetes cluster, managed PostgreSQL, private buckets, the origin load
 * balancer, and the detection hooks (Falco, host IDS on the bastion,
 * capacity and uptime alerts) all reporting to one alert route.
 * Composition only: every security default lives in the constructs.
 */
export class PlatformStack extends TerraformStack {
  readonly network: NetworkBoundary;
  readonly kubernetes: EuKubernetesCluster;
  readonly database: EncryptedDatabase;
  readonly buckets: PrivateBucket[];
  readonly project: EnvironmentProject;
  /** The origin Cloudflare connects to; only environments with an `edge` section have one. */
  readonly originLoadBalancer?: OriginLoadBalancer;
  readonly alertRoute: AlertRoute;
  readonly bastion: BastionHost;
  readonly falco: FalcoRuntimeIds;
  readonly backups: BackupRotation;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { env, project } = props;
    const name = resourceName(project, env.name);
    configureStateBackend(this, id, props.state, props.processEnv ?? process.env);

    // Token from DIGITALOCEAN_TOKEN, Spaces keys from SPACES_ACCESS_KEY_ID / SPACES_SECRET_ACCESS_KEY.
    new DigitaloceanProvider(this, 'digitalocean', {});

    const envTags = [tag(project), tag(`env:${env.name}`)];
    this.project = new EnvironmentProject(this, 'project', {
      name,
      stage: env.stage,
      description: `${project} ${env.stage} environment "${env.name}" (EU: ${env.region}/${env.secondaryRegion})`,
    });

    const replica = withReplica(env);
    this.network = new NetworkBoundary(this, 'network', {
      name,
      region: env.region,
      ipRange: env.network.vpcCidr,
      secondary: replica && env.network.secondaryVpcCidr ? { region: env.secondaryRegion, ipRange: env.network.secondaryVpcCidr } : undefined,
    });

    this.kubernetes = new EuKubernetesCluster(this, 'kubernetes', {
      name,
      region: env.region,
      vpc: this.network.vpc,
      version: env.kubernetes.version,
      nodeSize: env.kubernetes.nodeSize,
      minNodes: env.kubernetes.minNodes,
      maxNodes: env.kubernetes.maxNodes,
      adminCidrs: env.network.adminCidrs,
      highAvailability: env.stage === 'prod',
      maintenance: env.kubernetes.maintenance,
      tags: envTags,
    });

    this.network.addFirewall('worker-firewall', `${name}-workers`, {
      targetTags: [this.kubernetes.nodeTag],
      inbound: [
        { protocol: 'tcp', ports: '1-65535', from: { cidrs: [env.network.vpcCidr] } },
        { protocol: 'udp', ports: '1-65535', from: { cidrs: [env.network.vpcCidr] } },
      ],
    });

    if (env.edge) {
      this.originLoadBalancer = new OriginLoadBalancer(this, 'origin', {
        name,
        region: env.region,
        vpc: this.network.vpc,
        dropletTag: this.kubernetes.nodeTag,
        httpsNodePort: env.edge.originNodePort,
      });
    }

    this.database = new EncryptedDatabase(this, 'database', {
      name: `${name}-pg`,
      region: env.region,
      vpc: this.network.vpc,
      version: env.database.version,
      size: env.database.size,
      nodes: env.database.nodes,
      trustedClusters: [this.kubernetes.cluster],
      maintenance: env.database.maintenance,
      replica: replica && this.network.secondaryVpc ? { region: env.secondaryRegion, vpc: this.network.secondaryVpc } : undefined,
      tags: envTags,
    });

    this.buckets = env.storage.buckets.map(
      (b) =>
        new PrivateBucket(this, `bucket-${b.name}`, {
          name: resourceName(project, env.name, b.name),
          region: env.region,
          expireAfterDays: b.expireAfterDays,
          noncurrentVersionExpireDays: b.noncurrentVersionExpireDays,
        }),
    );

    // Detection and alerting (M6, M12, M13): every hook takes its targets from the one route.
    this.alertRoute = new AlertRoute(this, 'alerting', env.alerting);
    this.bastion = new BastionHost(this, 'bastion', {
      name,
      region: env.region,
      network: this.network,
      admins: env.access.admins,
      adminCidrs: env.network.adminCidrs,
      route: this.alertRoute,
      size: env.bastion.size,
      image: env.bastion.image,
      tags: envTags,
    });
    const cluster = new ClusterProviders(this, 'cluster-access', this.kubernetes.cluster);
    this.falco = new FalcoRuntimeIds(this, 'falco', {
      route: this.alertRoute,
      allowedEgressCidrs: [env.network.vpcCidr, ...env.ids.egressAllowCidrs],
    });
    this.falco.node.addDependency(cluster);

    // Daily encrypted backups to the off-site vault (backup-vault-<env>) and a weekly restore drill (M8–M10).
    this.backups = new BackupRotation(this, 'backups', {
      database: this.database.cluster,
      target: { bucket: vaultBucketName(project, env.name), prefix: VAULT_WRITER_PREFIX, region: VAULT_REGION },
      image: env.backup.image,
      ageRecipients: env.backup.ageRecipients,
      retentionDays: env.backup.retentionDays,
      schedule: env.backup.schedule,
      restoreDrillSchedule: env.backup.restoreDrillSchedule,
      route: this.alertRoute,
    });
    this.backups.node.addDependency(cluster);
    new CapacityAlerts(this, 'capacity', {
      name,
      tags: [this.kubernetes.nodeTag, this.bastion.hostTag],
      databaseIds: [this.database.cluster.id],
      route: this.alertRoute,
    });
    if (env.edge) new UptimeMonitoring(this, 'uptime', { hostnames: env.edge.hostnames, route: this.alertRoute });

    this.project.add(
      this.kubernetes.cluster.urn,
      this.database.cluster.urn,
      ...this.buckets.map((b) => b.bucket.urn),
      this.bastion.droplet.urn,
      ...(this.originLoadBalancer ? [this.originLoadBalancer.loadBalancer.urn] : []),
    );
  }
}
