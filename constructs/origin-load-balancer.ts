import { Loadbalancer } from '@cdktf/provider-digitalocean/lib/loadbalancer';
import type { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { Construct } from 'constructs';
import { namedNetworkProblem } from '../config/cidr';
import type { EuRegion } from '../config/schema';
import { showValue } from '../config/show';
import { CLOUDFLARE_IPV4 } from './cloudflare-ip-ranges';

/** Kubernetes NodePort range: the only ports a node-level ingress listener can have. */
const NODE_PORTS = { min: 30000, max: 32767 } as const;

/**
 * Health check timing: a dead node leaves the pool after
 * interval × unhealthy threshold = 30 s (at most 60 s, so an outage is short).
 */
export const ORIGIN_HEALTH_CHECK = { checkIntervalSeconds: 10, unhealthyThreshold: 3, healthyThreshold: 3, responseTimeoutSeconds: 5 } as const;

export interface OriginLoadBalancerProps {
  /** Name prefix, e.g. `acme-prod`; the load balancer is `<name>-origin`. */
  readonly name: string;
  /** EU region; must be the VPC's region. */
  readonly region: EuRegion;
  /** The environment's VPC; the load balancer reaches the nodes over it. */
  readonly vpc: Vpc;
  /** Tag every backend droplet carries: the Kubernetes node pool's tag (`EuKubernetesCluster.nodeTag`). */
  readonly dropletTag: string;
  /**
   * NodePort of the ingress controller's HTTPS listener on every node.
   * TLS passes through the load balancer to it untouched.
   * @default 30443
   */
  readonly httpsNodePort?: number;
}

/** `cidr:…` entries of a DigitalOcean load balancer firewall; a /0 is refused. */
function allowCidrs(cidrs: readonly string[], where: string): string[] {
  return cidrs.map((cidr) => {
    const problem = namedNetworkProblem(cidr, 'the origin accepts only the Cloudflare ranges');
    if (problem) throw new Error(`${where}: ${showValue(cidr)} ${problem}`);
    return `cidr:${cidr}`;
  });
}

/**
 * The origin Cloudflare connects to: a DigitalOcean load balancer in the
 * environment's VPC in front of the Kubernetes nodes, reachable only from
 * Cloudflare's published IPv4 ranges (constructs/cloudflare-ip-ranges.ts), so
 * nobody can skip the WAF by calling the origin directly.
 *
 * TLS: port 443 is passed through (`tls_passthrough`) to the ingress
 * controller, which terminates TLS with a Cloudflare Origin CA certificate and
 * can demand Cloudflare's Authenticated Origin Pulls client certificate
 * (a load balancer that terminated TLS itself could not check it, and would
 * forward plain HTTP inside the VPC). No plain-HTTP forwarding rule exists;
 * `redirect_http_to_https` stays on should one ever be added. Only IPv4 is
 * listed because the load balancer has only an IPv4 address (the proxied A
 * records point there), so Cloudflare connects over IPv4.
 *
 * The worker firewall keeps admitting only the VPC range, which contains the
 * load balancer.
 */
export class OriginLoadBalancer extends Construct {
  readonly loadBalancer: Loadbalancer;
  /** Public IPv4 of the load balancer (a deploy-time reference), for the proxied DNS records. */
  readonly ipv4: string;

  constructor(scope: Construct, id: string, props: OriginLoadBalancerProps) {
    super(scope, id);
    const where = `OriginLoadBalancer ${props.name}`;
    const nodePort = props.httpsNodePort ?? 30443;
    if (!Number.isInteger(nodePort) || nodePort < NODE_PORTS.min || nodePort > NODE_PORTS.max) {
      throw new Error(`${where}: httpsNodePort ${nodePort} is not a Kubernetes NodePort; use a whole number from ${NODE_PORTS.min} to ${NODE_PORTS.max}`);
    }
    if (props.dropletTag.trim() === '') throw new Error(`${where}: dropletTag is empty; give the node pool's tag so the load balancer has backends`);

    this.loadBalancer = new Loadbalancer(this, 'lb', {
      name: `${props.name}-origin`,
      region: props.region,
      vpcUuid: props.vpc.id,
      dropletTag: props.dropletTag,
      redirectHttpToHttps: true,
      forwardingRule: [{ entryPort: 443, entryProtocol: 'https', targetPort: nodePort, targetProtocol: 'https', tlsPassthrough: true }],
      healthcheck: { protocol: 'tcp', port: nodePort, ...ORIGIN_HEALTH_CHECK },
      firewall: { allow: allowCidrs(CLOUDFLARE_IPV4, where) },
    });
    this.ipv4 = this.loadBalancer.ip;
  }
}
