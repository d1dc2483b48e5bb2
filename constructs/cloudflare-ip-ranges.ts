/**
 * Cloudflare's published edge IP ranges: the only addresses a proxied request
 * reaches the origin from. The origin load balancer admits these and nothing
 * else, so nobody can skip the WAF by calling the origin directly.
 *
 * The list is data (`data/cloudflare-ip-ranges.json`, with its source and the
 * day it was current), shared with the audit's TOM-NET-03 so the stack and
 * the control can never disagree.
 */
import ranges from '../data/cloudflare-ip-ranges.json';

/** Day the lists were taken from Cloudflare's published lists (YYYY-MM-DD). */
export const RETRIEVED: string = ranges.retrieved;

/** How old the lists may get before the freshness test asks for a refresh. */
export const MAX_AGE_DAYS = 180;

/** https://www.cloudflare.com/ips-v4, in published order. */
export const CLOUDFLARE_IPV4: readonly string[] = ranges.ipv4;

/** https://www.cloudflare.com/ips-v6, in published order. */
export const CLOUDFLARE_IPV6: readonly string[] = ranges.ipv6;
