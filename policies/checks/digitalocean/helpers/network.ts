/**
 * Ports and address ranges in DigitalOcean firewall rules
 * (`digitalocean_firewall`, load balancer `firewall`, DOKS control-plane firewall).
 */
import type { Values } from '../../../values';
import { attr, strings } from '../../../values';
import { cidrContains, isWorldCidr, parseCidr } from '../../../cidr';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const ALL_PORTS: PortRange = { from: 1, to: 65535 };

/**
 * The ports a tcp/udp rule opens: `"22"`, `"8000-8080"`, `"all"`; a missing or
 * empty `port_range` opens every port. Undefined for icmp (no ports) and for a
 * malformed range.
 */
export function rulePorts(rule: Values): PortRange | undefined {
  const protocol = String(attr(rule, 'protocol') ?? '').toLowerCase();
  if (protocol === 'icmp') return undefined;
  const raw = attr(rule, 'port_range');
  const text = raw === undefined || raw === null ? '' : String(raw).trim().toLowerCase();
  if (text === '' || text === 'all' || text === '0') return ALL_PORTS;
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

export const portText = (r: PortRange): string => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);

/** Ports that give administrative or data access and must never face the internet. */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  2375: 'Docker API',
  2376: 'Docker API (TLS)',
  3306: 'MySQL',
  3389: 'RDP',
  5432: 'PostgreSQL',
  5900: 'VNC',
  5985: 'WinRM',
  5986: 'WinRM (TLS)',
  6379: 'Redis/Valkey',
  6443: 'Kubernetes API',
  9200: 'OpenSearch',
  10250: 'kubelet',
  25060: 'DigitalOcean managed database',
  25061: 'DigitalOcean managed database (pool)',
  27017: 'MongoDB',
};

/** ADMIN_PORTS as numbers with their labels, in port order (asked for every rule of every firewall). */
const ADMIN_PORT_LABELS: readonly (readonly [number, string])[] = Object.entries(ADMIN_PORTS).map(([port, name]) => [Number(port), `${name} (${port})`]);

/** Admin ports inside a range, as `SSH (22)` labels. */
export function adminPortsIn(range: PortRange): string[] {
  const out: string[] = [];
  for (const [port, label] of ADMIN_PORT_LABELS) if (port >= range.from && port <= range.to) out.push(label);
  return out;
}

/** Up to three labels, then a count: keeps a reason readable for `1-65535`. */
export const listPorts = (labels: readonly string[]): string =>
  labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more admin ports`;

const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

/** True when the whole range is private address space (RFC 1918, CGNAT, IPv6 ULA). */
export const isPrivateCidr = (cidr: string): boolean => PRIVATE_RANGES.some((p) => cidrContains(p, cidr));

/** Widest public range accepted as an admin source: a /24 (IPv4) or a /48 (IPv6). */
export const ADMIN_PREFIX = { ipv4: 24, ipv6: 48 } as const;

/**
 * The source and why it is too wide for an admin port (`"0.0.0.0/0" (the
 * whole internet)`), or undefined when it is acceptable: world ranges never;
 * private ranges always; public ranges up to ADMIN_PREFIX (an office or VPN
 * range, not a provider block).
 */
export function adminSourceProblem(source: string): string | undefined {
  if (isWorld(source)) return `"${source}" (the whole internet)`;
  const parsed = parseCidr(source.trim());
  if (!parsed) return `"${source}" (not an address range)`;
  if (isPrivateCidr(source.trim())) return undefined;
  const limit = parsed[0].kind() === 'ipv4' ? ADMIN_PREFIX.ipv4 : ADMIN_PREFIX.ipv6;
  return parsed[1] < limit ? `"${source}" (a public range wider than a /${limit})` : undefined;
}

/**
 * `isWorldCidr` without parsing the common case: a range of prefix length 0
 * ends in `/0` (or `/00`, which Terraform reads the same), so anything else is answered at once.
 */
export const isWorld = (value: unknown): boolean => typeof value === 'string' && /\/0+$/.test(value.trim()) && isWorldCidr(value);

/** `source_addresses` (inbound) or `destination_addresses` (outbound) of a rule. */
export const ruleAddresses = (rule: Values, key: 'source_addresses' | 'destination_addresses'): string[] =>
  strings(attr(rule, key));
