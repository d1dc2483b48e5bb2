import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { withReplica, type Environment, type KitConfig } from '../config/schema';
import { AlertRoute } from '../constructs/alert-route';
import { BastionHost } from '../constructs/bastion-host';
import { CapacityAlerts } from '../constructs/capacity-alerts';
import { EncryptedDatabase } from '../constructs/encrypted-database';
import { EnvironmentProject } from '../constructs/environment-project';
import { EuKubernetesCluster } from '../constructs/eu-kubernetes-cluster';
import { clusterName, databaseClusterName, resourceName, tag } from '../constructs/naming';
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

/** What every step of the platform stack needs about its environment. */
interface EnvironmentContext {
  readonly project: string;
  readonly env: Environment;
  /** `<project>-<env>`: the prefix of every resource name. */
  readonly name: string;
  /** Project and environment tags on every taggable resource. */
  readonly tags: string[];
}

/**
 * One environment's DigitalOcean platform: its own project and VPCs, a
 * Kubernetes cluster, managed PostgreSQL, private buckets, the origin load
 * balancer, and the detection hooks outside the cluster (host IDS on the
 * bastion, capacity and uptime alerts) all reporting to one alert route.
 * What runs inside the cluster (Falco, backup CronJobs) is in
 * `workloads-<env>`, which reads the cluster by name once this stack is applied.
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

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { env, project } = props;
    const ctx: EnvironmentContext = { project, env, name: resourceName(project, env.name), tags: [tag(project), tag(`env:${env.name}`)] };
    configureStateBackend(this, id, props.state, props.processEnv ?? process.env);

    // Token from DIGITALOCEAN_TOKEN, Spaces keys from SPACES_ACCESS_KEY_ID / SPACES_SECRET_ACCESS_KEY.
    new DigitaloceanProvider(this, 'digitalocean', {});

    this.project = this.addProject(ctx);
    this.network = this.addNetwork(ctx);
    this.kubernetes = this.addCluster(ctx);
    this.originLoadBalancer = this.addOrigin(ctx);
    this.database = this.addDatabase(ctx);
    this.buckets = this.addBuckets(ctx);
    // Detection and alerting (M6, M12, M13): every hook takes its targets from the one route.
    this.alertRoute = new AlertRoute(this, 'alerting', env.alerting);
    this.bastion = this.addBastion(ctx);
    this.addMonitoring(ctx);
    this.listInProject();
  }

  private addProject({ project, env, name }: EnvironmentContext): EnvironmentProject {
    return new EnvironmentProject(this, 'project', {
      name,
      stage: env.stage,
      description: `${project} ${env.stage} environment "${env.name}" (EU: ${env.region}/${env.secondaryRegion})`,
    });
  }

  private addNetwork({ env, name }: EnvironmentContext): NetworkBoundary {
    const replica = withReplica(env);
    return new NetworkBoundary(this, 'network', {
      name,
      region: env.region,
      ipRange: env.network.vpcCidr,
      secondary: replica && env.network.secondaryVpcCidr ? { region: env.secondaryRegion, ipRange: env.network.secondaryVpcCidr } : undefined,
    });
  }

  /** The DOKS cluster and the firewall of its worker nodes. */
  private addCluster({ project, env, name, tags }: EnvironmentContext): EuKubernetesCluster {
    const kubernetes = new EuKubernetesCluster(this, 'kubernetes', {
      name: clusterName(project, env.name),
      region: env.region,
      vpc: this.network.vpc,
      version: env.kubernetes.version,
      nodeSize: env.kubernetes.nodeSize,
      minNodes: env.kubernetes.minNodes,
      maxNodes: env.kubernetes.maxNodes,
      adminCidrs: env.network.adminCidrs,
      highAvailability: env.stage === 'prod',
      maintenance: env.kubernetes.maintenance,
      tags,
    });
    this.network.addFirewall('worker-firewall', `${name}-workers`, {
      targetTags: [kubernetes.nodeTag],
      inbound: [
        { protocol: 'tcp', ports: '1-65535', from: { cidrs: [env.network.vpcCidr] } },
        { protocol: 'udp', ports: '1-65535', from: { cidrs: [env.network.vpcCidr] } },
      ],
    });
    return kubernetes;
  }

  /** The load balancer Cloudflare connects to, for environments with an `edge` section. */
  private addOrigin({ env, name }: EnvironmentContext): OriginLoadBalancer | undefined {
    if (!env.edge) return undefined;
    return new OriginLoadBalancer(this, 'origin', {
      name,
      region: env.region,
      vpc: this.network.vpc,
      dropletTag: this.kubernetes.nodeTag,
      httpsNodePort: env.edge.originNodePort,
    });
  }

  private addDatabase({ project, env, tags }: EnvironmentContext): EncryptedDatabase {
    const replica = withReplica(env);
    return new EncryptedDatabase(this, 'database', {
      name: databaseClusterName(project, env.name),
      region: env.region,
      vpc: this.network.vpc,
      version: env.database.version,
      size: env.database.size,
      nodes: env.database.nodes,
      trustedClusters: [this.kubernetes.cluster],
      maintenance: env.database.maintenance,
      replica: replica && this.network.secondaryVpc ? { region: env.secondaryRegion, vpc: this.network.secondaryVpc } : undefined,
      tags,
    });
  }

  private addBuckets({ project, env }: EnvironmentContext): PrivateBucket[] {
    return env.storage.buckets.map(
      (b) =>
        new PrivateBucket(this, `bucket-${b.name}`, {
          name: resourceName(project, env.name, b.name),
          region: env.region,
          expireAfterDays: b.expireAfterDays,
          noncurrentVersionExpireDays: b.noncurrentVersionExpireDays,
        }),
    );
  }

  private addBastion({ env, name, tags }: EnvironmentContext): BastionHost {
    return new BastionHost(this, 'bastion', {
      name,
      region: env.region,
      network: this.network,
      admins: env.access.admins,
      adminCidrs: env.network.adminCidrs,
      route: this.alertRoute,
      size: env.bastion.size,
      image: env.bastion.image,
      tags,
    });
  }

  /** Capacity alerts on nodes, bastion and database; uptime checks of the public hostnames. */
  private addMonitoring({ env, name }: EnvironmentContext): void {
    new CapacityAlerts(this, 'capacity', {
      name,
      tags: [this.kubernetes.nodeTag, this.bastion.hostTag],
      databaseIds: [this.database.cluster.id],
      route: this.alertRoute,
    });
    if (env.edge) new UptimeMonitoring(this, 'uptime', { hostnames: env.edge.hostnames, route: this.alertRoute });
  }

  /** Everything billable goes into the environment's project, none into the account's default one. */
  private listInProject(): void {
    this.project.add(
      this.kubernetes.cluster.urn,
      this.database.cluster.urn,
      ...this.buckets.map((b) => b.bucket.urn),
      this.bastion.droplet.urn,
      ...(this.originLoadBalancer ? [this.originLoadBalancer.loadBalancer.urn] : []),
    );
  }
}
