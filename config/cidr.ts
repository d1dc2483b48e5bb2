/**
 * The rules for network ranges in the config. Only the canonical spelling is
 * accepted, because the kit, Terraform and the cloud APIs must read a range
 * the same way: ipaddr.js reads `10.010.0.0` as octal (10.8.0.0), `0xa.0.0.0`
 * as hex and `167772160` as one 32-bit number, where Terraform and Go read
 * decimal or refuse. A range that is spelled one way can be compared once.
 */
import ipaddr from 'ipaddr.js';

export interface Cidr {
  readonly addr: ipaddr.IPv4 | ipaddr.IPv6;
  readonly bits: number;
  /** Canonical spelling: dotted decimal or RFC 5952, network address, prefix. */
  readonly text: string;
}

const DOTTED_DECIMAL = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}\/(0|[1-9]\d?)$/;
const IPV6_SPELLING = /^[0-9a-f:.]+\/(0|[1-9]\d{0,2})$/;

export const CIDR_RULE = 'must be a CIDR in canonical form: dotted-decimal IPv4 without leading zeros (203.0.113.0/24) or lower-case RFC 5952 IPv6 (2001:db8::/48), with no host bits set';

function canonical(addr: ipaddr.IPv4 | ipaddr.IPv6): string {
  return addr.kind() === 'ipv4' ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String();
}

/** Refused: why, and (when ipaddr.js could read it at all) the range it reads, so a world-wide range is named as such first. */
export interface CidrProblem {
  readonly problem: string;
  readonly loose?: Cidr;
}

/** How Terraform and Go read a dotted IPv4 with leading zeros: decimal, each part at most 255. */
function decimalReading(value: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(value);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map((p) => parseInt(p, 10));
  const bits = parseInt(m[5], 10);
  return parts.every((p) => p <= 255) && bits <= 32 ? `${parts.join('.')}/${bits}` : undefined;
}

/** The range `value` names, or why it is not a canonical CIDR. */
export function parseCanonicalCidr(value: string): Cidr | CidrProblem {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(value);
  } catch {
    return { problem: CIDR_RULE };
  }
  const [addr, bits] = parsed;
  const network = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  const text = `${canonical(network)}/${bits}`;
  const loose: Cidr = { addr: network, bits, text };
  if (addr.kind() === 'ipv4') {
    if (!DOTTED_DECIMAL.test(value) || value.split('/')[0] !== addr.toString()) {
      const decimal = decimalReading(value);
      const readings = decimal && decimal !== `${addr.toString()}/${bits}` ? `the kit's parser reads it as ${addr.toString()}/${bits}, Terraform as ${decimal}` : `it is read as ${addr.toString()}/${bits} by some tools and refused by others`;
      return { loose, problem: `is not canonical dotted-decimal IPv4 (${readings}): leading zeros, octal, hex and integer spellings are refused; write four decimal parts without leading zeros, such as 203.0.113.0/24` };
    }
  } else if (!IPV6_SPELLING.test(value) || value.split('/')[0] !== canonical(addr)) {
    return { loose, problem: `is not canonical RFC 5952 IPv6 (lower case, longest run of zeros as ::, no leading zeros, no zone, no dotted IPv4 part): write ${canonical(addr)}/${bits}` };
  }
  if (text !== value) return { loose, problem: `has host bits set: the network is ${text}; write ${text}` };
  return loose;
}

/** Ranges that carry all of IPv4 inside IPv6: allowing one of them allows the whole IPv4 internet. */
const TRANSITION_RANGES: ReadonlyArray<[string, string]> = [
  ['::ffff:0:0/96', 'IPv4-mapped'],
  ['::/96', 'IPv4-compatible'],
  ['::ffff:0:0:0/96', 'IPv4-translated (SIIT)'],
  ['64:ff9b::/96', 'NAT64'],
  ['64:ff9b:1::/48', 'local-use NAT64'],
  ['2002::/16', '6to4'],
  ['2001::/32', 'Teredo'],
];

/** Shortest prefixes allowed for one range: /8 is a whole RIR block in IPv4; /16 in IPv6. */
const MIN_PREFIX = { ipv4: 8, ipv6: 16 } as const;

/** Why `cidr` reaches the whole internet or a large part of it, or undefined. `advice` says what to list instead. */
export function worldWideProblem(cidr: Cidr, advice = 'name the specific networks instead'): string | undefined {
  if (cidr.bits === 0) return `must not be the whole internet (0.0.0.0/0 or ::/0): ${advice}`;
  if (cidr.addr.kind() === 'ipv6') {
    const v6 = cidr.addr as ipaddr.IPv6;
    for (const [range, name] of TRANSITION_RANGES) {
      const [addr, bits] = ipaddr.IPv6.parseCIDR(range);
      if (v6.match(addr, Math.min(bits, cidr.bits))) {
        return `must not be the whole internet in another spelling: it overlaps ${range}, the ${name} range, which stands for IPv4 addresses; write IPv4 networks in IPv4 notation and ${advice}`;
      }
    }
  }
  const min = MIN_PREFIX[cidr.addr.kind()];
  if (cidr.bits < min) {
    return `must not be the whole internet or a large part of it: a /${cidr.bits} is too wide (at least /${MIN_PREFIX.ipv4} for IPv4, /${MIN_PREFIX.ipv6} for IPv6); ${advice}`;
  }
  return undefined;
}

/**
 * Why `value` is not a canonical range of specific networks, or undefined.
 * A world-wide range is named as such even when it is also spelled oddly
 * (`::ffff:0.0.0.0/96`), so the message never suggests a spelling that is refused next.
 */
export function namedNetworkProblem(value: string, advice?: string): string | undefined {
  const parsed = parseCanonicalCidr(value);
  const range = 'problem' in parsed ? parsed.loose : parsed;
  return (range && worldWideProblem(range, advice)) || ('problem' in parsed ? parsed.problem : undefined);
}

/** All IPv4 ranges of a list together may cover at most this many addresses (two /8 networks). */
export const MAX_LIST_IPV4_ADDRESSES = 2 ** 25;

/** Why a list of ranges together covers too much of the internet (e.g. 0.0.0.0/1 + 128.0.0.0/1 split into /8s), or undefined. */
export function listWorldWideProblem(cidrs: readonly Cidr[], advice = 'name the specific networks instead'): string | undefined {
  const v4 = cidrs
    .filter((c) => c.addr.kind() === 'ipv4')
    .map((c) => {
      const start = (c.addr as ipaddr.IPv4).octets.reduce((n, o) => n * 256 + o, 0);
      return [start, start + 2 ** (32 - c.bits)] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = 0;
  for (const [s, e] of v4) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  if (total > MAX_LIST_IPV4_ADDRESSES) {
    return `must not add up to a large part of the internet: together they cover ${total} IPv4 addresses, more than two /8 networks (${MAX_LIST_IPV4_ADDRESSES}); ${advice}`;
  }
  return undefined;
}

/** Whether two canonical ranges share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.addr.kind() === b.addr.kind() && a.addr.match(b.addr as never, Math.min(a.bits, b.bits));
}
