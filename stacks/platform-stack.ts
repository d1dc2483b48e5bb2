import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { withReplica, type Environment, type KitConfig } from '../config/schema';
import { EncryptedDatabase } from '../constructs/encrypted-database';
import { EnvironmentProject } from '../constructs/environment-project';
import { EuKubernetesCluster } from '../constructs/eu-kubernetes-cluster';
import { resourceName, tag } from '../constructs/naming';
import { NetworkBoundary } from '../constructs/network-boundary';
import { PrivateBucket } from '../constructs/private-bucket';
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
 * Kubernetes cluster, managed PostgreSQL and private buckets. Composition
 * only: every security default lives in the constructs.
 */
export class PlatformStack extends TerraformStack {
  readonly network: NetworkBoundary;
  readonly kubernetes: EuKubernetesCluster;
  readonly database: EncryptedDatabase;
  readonly buckets: PrivateBucket[];
  readonly project: EnvironmentProject;

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

    this.project.add(this.kubernetes.cluster.urn, this.database.cluster.urn, ...this.buckets.map((b) => b.bucket.urn));
  }
}
