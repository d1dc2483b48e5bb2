import { Firewall, type FirewallInboundRule, type FirewallOutboundRule } from '@cdktf/provider-digitalocean/lib/firewall';
import { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { Construct } from 'constructs';
import { namedNetworkProblem } from '../config/cidr';
import type { EuRegion } from '../config/schema';
import { showValue } from '../config/show';
import { WORLD_EGRESS } from '../data/digitalocean';

export interface NetworkBoundaryProps {
  /** Name prefix, e.g. `acme-prod`. */
  readonly name: string;
  /** Region of the primary VPC. EU regions only (the type admits nothing else). */
  readonly region: EuRegion;
  /** Private IPv4 range of the primary VPC; must not overlap any other environment. */
  readonly ipRange: string;
  /**
   * A second VPC in another EU region, for resources that live there
   * (the database read replica). VPCs are regional in DigitalOcean.
   * @default no secondary VPC
   */
  readonly secondary?: { readonly region: EuRegion; readonly ipRange: string };
}

/** Where inbound traffic may come from. A world-open CIDR is refused outright. */
export interface InboundSource {
  readonly cidrs?: readonly string[];
  readonly loadBalancerUids?: readonly string[];
  readonly tags?: readonly string[];
}

export interface InboundRule {
  readonly protocol: 'tcp' | 'udp';
  /** `"443"`, `"8000-8100"`. */
  readonly ports: string;
  readonly from: InboundSource;
}

export interface RestrictedFirewallProps {
  /** Droplets the firewall guards, by tag (DOKS worker nodes carry the node pool's tags). */
  readonly targetTags?: readonly string[];
  /** Droplets the firewall guards, by id (`Token.asNumber(droplet.id)`). */
  readonly dropletIds?: readonly number[];
  /** Allowed inbound traffic; everything else is dropped. */
  readonly inbound: readonly InboundRule[];
  /**
   * Opt-out of the egress allow-list (DNS 53, NTP 123, HTTPS 443 to anywhere;
   * anything inside the VPC). Setting it is reported by the egress control.
   * @default false
   */
  readonly allowAllEgress?: boolean;
}

/** Outbound traffic a hardened host needs; everything else stays inside the VPC. */
export function restrictedEgress(vpcRange: string): FirewallOutboundRule[] {
  const world = ['0.0.0.0/0', '::/0'];
  return [
    ...WORLD_EGRESS.map(({ protocol, port }) => ({ protocol, portRange: String(port), destinationAddresses: world })),
    { protocol: 'tcp', portRange: '1-65535', destinationAddresses: [vpcRange] },
    { protocol: 'udp', portRange: '1-65535', destinationAddresses: [vpcRange] },
    { protocol: 'icmp', destinationAddresses: [vpcRange] },
  ];
}

/** The same rule as the config's admin CIDRs: canonical, and never the whole internet in any spelling (::ffff:0:0/96, 2002::/16, /1 …). */
function assertNotWorld(cidr: string, where: string): void {
  const problem = namedNetworkProblem(cidr, 'name the networks that need access (Cloudflare ranges, admin CIDRs, the VPC)');
  if (problem) throw new Error(`${where}: ${showValue(cidr)} ${problem}`);
}

/**
 * The environment's network: its own VPC (and one in the secondary region),
 * so staging and prod never share a network, and firewalls that accept only
 * named sources and let out only what a host needs.
 */
export class NetworkBoundary extends Construct {
  readonly vpc: Vpc;
  readonly secondaryVpc?: Vpc;
  readonly ipRange: string;

  constructor(scope: Construct, id: string, private readonly props: NetworkBoundaryProps) {
    super(scope, id);
    this.ipRange = props.ipRange;
    this.vpc = new Vpc(this, 'vpc', {
      name: `${props.name}-${props.region}`,
      region: props.region,
      ipRange: props.ipRange,
      description: `${props.name}: private network of this environment only`,
    });
    if (props.secondary) {
      this.secondaryVpc = new Vpc(this, 'secondary-vpc', {
        name: `${props.name}-${props.secondary.region}`,
        region: props.secondary.region,
        ipRange: props.secondary.ipRange,
        description: `${props.name}: private network in the secondary region`,
      });
    }
  }

  /** A firewall with no world-open inbound rule and, unless opted out, restricted egress. */
  addFirewall(id: string, name: string, fw: RestrictedFirewallProps): Firewall {
    if (!fw.targetTags?.length && !fw.dropletIds?.length) throw new Error(`firewall ${name}: give targetTags or dropletIds, or it guards nothing`);
    const inbound: FirewallInboundRule[] = fw.inbound.map((rule, i) => {
      rule.from.cidrs?.forEach((c) => assertNotWorld(c, `firewall ${name} inbound[${i}]`));
      if (!rule.from.cidrs?.length && !rule.from.loadBalancerUids?.length && !rule.from.tags?.length) {
        throw new Error(`firewall ${name} inbound[${i}]: name at least one source (cidrs, loadBalancerUids or tags)`);
      }
      return {
        protocol: rule.protocol,
        portRange: rule.ports,
        sourceAddresses: rule.from.cidrs ? [...rule.from.cidrs] : undefined,
        sourceLoadBalancerUids: rule.from.loadBalancerUids ? [...rule.from.loadBalancerUids] : undefined,
        sourceTags: rule.from.tags ? [...rule.from.tags] : undefined,
      };
    });
    return new Firewall(this, id, {
      name,
      tags: fw.targetTags ? [...fw.targetTags] : undefined,
      dropletIds: fw.dropletIds ? [...fw.dropletIds] : undefined,
      inboundRule: inbound,
      outboundRule: fw.allowAllEgress
        ? [
            { protocol: 'tcp', portRange: '1-65535', destinationAddresses: ['0.0.0.0/0', '::/0'] },
            { protocol: 'udp', portRange: '1-65535', destinationAddresses: ['0.0.0.0/0', '::/0'] },
          ]
        : restrictedEgress(this.props.ipRange),
    });
  }
}
