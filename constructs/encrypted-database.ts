import { DatabaseCluster } from '@cdktf/provider-digitalocean/lib/database-cluster';
import { DatabaseFirewall } from '@cdktf/provider-digitalocean/lib/database-firewall';
import { DatabaseReplica } from '@cdktf/provider-digitalocean/lib/database-replica';
import type { KubernetesCluster } from '@cdktf/provider-digitalocean/lib/kubernetes-cluster';
import type { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { Construct } from 'constructs';
import type { EuRegion } from '../config/schema';

export interface EncryptedDatabaseProps {
  readonly name: string;
  readonly region: EuRegion;
  /** The environment's VPC: the database is reachable only on its private network. */
  readonly vpc: Vpc;
  /** PostgreSQL major version, e.g. `17`. */
  readonly version: string;
  /** Size slug, e.g. `db-s-2vcpu-4gb`. */
  readonly size: string;
  /** Nodes in the cluster; 2 or more gives a standby with automatic failover. */
  readonly nodes: number;
  /**
   * The only clients the database firewall admits. At least one: a database
   * without a firewall rule would accept any source DigitalOcean allows.
   */
  readonly trustedClusters: readonly KubernetesCluster[];
  /** Weekly maintenance window (UTC). @default sunday 02:00 */
  readonly maintenance?: { readonly day: string; readonly hour: string };
  /**
   * A read replica in a second EU region, on that region's VPC, for
   * geo-redundancy. @default none
   */
  readonly replica?: { readonly region: EuRegion; readonly vpc: Vpc };
  readonly tags?: readonly string[];
}

/**
 * Managed PostgreSQL on the private network only, with a firewall that trusts
 * just the environment's Kubernetes cluster. DigitalOcean encrypts it at rest
 * and in transit (an inherited control, reported as such, not claimed here).
 */
export class EncryptedDatabase extends Construct {
  readonly cluster: DatabaseCluster;
  readonly firewall: DatabaseFirewall;
  readonly replica?: DatabaseReplica;

  constructor(scope: Construct, id: string, props: EncryptedDatabaseProps) {
    super(scope, id);
    if (props.trustedClusters.length === 0) throw new Error(`${props.name}: trustedClusters must name at least one cluster; the database admits nobody else`);
    if (props.replica && props.replica.region === props.region) {
      throw new Error(`${props.name}: the replica must be in a different EU region than ${props.region} (geo-redundancy)`);
    }
    const maintenance = props.maintenance ?? { day: 'sunday', hour: '02:00' };
    this.cluster = new DatabaseCluster(this, 'cluster', {
      name: props.name,
      engine: 'pg',
      version: props.version,
      size: props.size,
      region: props.region,
      nodeCount: props.nodes,
      privateNetworkUuid: props.vpc.id,
      maintenanceWindow: [{ day: maintenance.day, hour: maintenance.hour }],
      tags: [...(props.tags ?? [])],
    });
    this.firewall = new DatabaseFirewall(this, 'firewall', {
      clusterId: this.cluster.id,
      rule: props.trustedClusters.map((k8s) => ({ type: 'k8s', value: k8s.id })),
    });
    if (props.replica) {
      this.replica = new DatabaseReplica(this, 'replica', {
        clusterId: this.cluster.id,
        name: `${props.name}-replica-${props.replica.region}`,
        region: props.replica.region,
        size: props.size,
        privateNetworkUuid: props.replica.vpc.id,
        tags: [...(props.tags ?? [])],
      });
    }
  }
}
