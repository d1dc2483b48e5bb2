import ipaddr from 'ipaddr.js';

/** Parses `a.b.c.d/n` or an IPv6 CIDR (a bare address counts as /32 or /128); undefined when malformed. */
export function parseCidr(value: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  try {
    if (!value.includes('/')) {
      const addr = ipaddr.parse(value);
      return [addr, addr.kind() === 'ipv4' ? 32 : 128];
    }
    return ipaddr.parseCIDR(value);
  } catch {
    return undefined;
  }
}

/** `0.0.0.0/0`, `::/0` and any other prefix of length 0: the whole internet. */
export function isWorldCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parsed = parseCidr(value.trim());
  return parsed !== undefined && parsed[1] === 0;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const po = parseCidr(outer);
  const pi = parseCidr(inner);
  if (!po || !pi || po[0].kind() !== pi[0].kind() || pi[1] < po[1]) return false;
  return pi[0].match(po[0] as never, po[1]);
}
