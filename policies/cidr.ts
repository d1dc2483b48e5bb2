import ipaddr from 'ipaddr.js';

/**
 * Dotted-decimal IPv4 as Terraform (Go's net package) reads it: four decimal
 * parts without leading zeros. ipaddr.js would also take `10.010.0.0` (as
 * octal: 10.8.0.0), `0x0a.0.0.0` or `167772160`, which Terraform refuses or
 * reads otherwise; such spellings are malformed here, never guessed.
 */
const CANONICAL_IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;

type ParsedCidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Ranges parsed so far. A firewall check asks about the same few ranges (the
 * admin CIDRs, the private ranges, Cloudflare's) for every rule of every
 * firewall, and ipaddr.js parses by trying IPv6 first and catching the
 * error; parsing each text once keeps that off the audit's time. Bounded, as
 * the texts come from the input.
 */
const parsedCidrs = new Map<string, ParsedCidr | undefined>();
const MAX_PARSED_CIDRS = 10_000;

/**
 * Parses `a.b.c.d/n` or an IPv6 CIDR (a bare address counts as /32 or /128);
 * undefined when malformed or not canonical. The answer for a text is shared
 * between callers: read it, never change it.
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (parsedCidrs.has(text)) return parsedCidrs.get(text);
  const parsed = parseCidrText(text);
  if (parsedCidrs.size >= MAX_PARSED_CIDRS) parsedCidrs.clear();
  parsedCidrs.set(text, parsed);
  return parsed;
}

function parseCidrText(text: string): ParsedCidr | undefined {
  let value = text;
  const address = value.split('/')[0];
  // IPv4, or the IPv4 tail of an IPv6 address (`::ffff:10.0.0.1`), must be canonical decimal.
  const dotted = address.includes(':') ? (/[^:]*\.[^:]*$/.exec(address)?.[0] ?? '') : address;
  if (dotted !== '' && !CANONICAL_IPV4.test(dotted)) return undefined;
  if (!address.includes(':') && !address.includes('.')) return undefined;
  // A prefix length is decimal; Go reads `/00` as `/0`, so leading zeros count as the number they spell.
  const prefix = value.split('/')[1];
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return undefined;
  if (prefix !== undefined) value = `${address}/${Number(prefix)}`;
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
