import { DataDigitaloceanKubernetesVersions } from '@cdktf/provider-digitalocean/lib/data-digitalocean-kubernetes-versions';
import { KubernetesCluster } from '@cdktf/provider-digitalocean/lib/kubernetes-cluster';
import type { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { Construct } from 'constructs';
import { namedNetworkProblem } from '../config/cidr';
import type { EuRegion } from '../config/schema';
import { showValue } from '../config/show';
import { tag } from './naming';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday' | 'any';

export interface EuKubernetesClusterProps {
  readonly name: string;
  /** EU region; must be the VPC's region. */
  readonly region: EuRegion;
  /** The environment's VPC; the cluster never joins another environment's network. */
  readonly vpc: Vpc;
  /** DOKS minor version such as `1.33` (the newest patch is picked) or an exact slug `1.33.1-do.0`. */
  readonly version: string;
  /** Droplet size slug of the worker nodes, e.g. `s-2vcpu-4gb`. */
  readonly nodeSize: string;
  /** Autoscaling bounds of the node pool. */
  readonly minNodes: number;
  readonly maxNodes: number;
  /**
   * Networks allowed to reach the Kubernetes API (control plane firewall).
   * The API is never open to the world.
   */
  readonly adminCidrs: readonly string[];
  /**
   * Highly available control plane (several masters). Prod must keep it; a
   * non-prod environment may pass `false` to save cost.
   * @default true
   */
  readonly highAvailability?: boolean;
  /** Weekly window for automatic patch upgrades. @default sunday 03:00 UTC */
  readonly maintenance?: { readonly day: Weekday; readonly startTime: string };
  /** Extra tags; the node pool always carries `<name>-node`. */
  readonly tags?: readonly string[];
}

/**
 * A DOKS cluster that patches itself: auto-upgrade with surge upgrades in a
 * fixed maintenance window, an autoscaling node pool, the control plane
 * reachable only from admin networks, inside the environment's VPC.
 */
export class EuKubernetesCluster extends Construct {
  readonly cluster: KubernetesCluster;
  /** Tag every worker node carries (firewalls and monitoring alerts target it). */
  readonly nodeTag: string;

  constructor(scope: Construct, id: string, props: EuKubernetesClusterProps) {
    super(scope, id);
    if (props.adminCidrs.length === 0) throw new Error(`${props.name}: adminCidrs must name at least one network; the Kubernetes API is never open to the world`);
    props.adminCidrs.forEach((c, i) => {
      const problem = namedNetworkProblem(c, 'list the office or VPN ranges that may reach the Kubernetes API');
      if (problem) throw new Error(`${props.name}: adminCidrs[${i}] ${showValue(c)} ${problem}`);
    });
    if (props.minNodes < 1 || props.maxNodes < props.minNodes) throw new Error(`${props.name}: node pool needs 1 <= minNodes <= maxNodes (got ${props.minNodes}..${props.maxNodes})`);

    const exact = /^\d+\.\d+\.\d+-do\.\d+$/.test(props.version);
    const version = exact
      ? props.version
      : new DataDigitaloceanKubernetesVersions(this, 'versions', { versionPrefix: `${props.version}.` }).latestVersion;

    this.nodeTag = tag(`${props.name}-node`);
    const maintenance = props.maintenance ?? { day: 'sunday', startTime: '03:00' };
    this.cluster = new KubernetesCluster(this, 'cluster', {
      name: props.name,
      region: props.region,
      version,
      vpcUuid: props.vpc.id,
      ha: props.highAvailability ?? true,
      autoUpgrade: true,
      surgeUpgrade: true,
      registryIntegration: false,
      maintenancePolicy: { day: maintenance.day, startTime: maintenance.startTime },
      controlPlaneFirewall: { enabled: true, allowedAddresses: [...props.adminCidrs] },
      nodePool: {
        name: `${props.name}-pool`,
        size: props.nodeSize,
        autoScale: true,
        minNodes: props.minNodes,
        maxNodes: props.maxNodes,
        tags: [this.nodeTag],
      },
      tags: [...(props.tags ?? [])],
    });
  }
}
