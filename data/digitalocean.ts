/**
 * DigitalOcean facts the constructs build from and the checks audit against.
 */

/**
 * What a hardened host may reach on the whole internet: DNS, NTP and HTTPS,
 * each on its own protocol (in the order the firewall construct writes them).
 * Everything else stays inside the VPC.
 */
export const WORLD_EGRESS = [
  { protocol: 'udp', port: 53 },
  { protocol: 'tcp', port: 53 },
  { protocol: 'udp', port: 123 },
  { protocol: 'tcp', port: 443 },
] as const;

/** Nodes a production Kubernetes pool keeps at least, so one node failure does not take the service down. */
export const PROD_MIN_NODES = 2;
