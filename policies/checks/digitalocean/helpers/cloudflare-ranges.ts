/**
 * Cloudflare's published edge ranges, from the same data file the origin
 * load balancer is built from (`data/cloudflare-ip-ranges.json`): an origin
 * that only Cloudflare may reach allows exactly these.
 */
import ranges from '../../../../data/cloudflare-ip-ranges.json';
import { cidrContains } from '../../../cidr';

export const CLOUDFLARE_IPV4: readonly string[] = ranges.ipv4;
export const CLOUDFLARE_IPV6: readonly string[] = ranges.ipv6;

/** True when the range lies entirely inside one of Cloudflare's published ranges. */
export const isInsideCloudflare = (cidr: string): boolean =>
  [...CLOUDFLARE_IPV4, ...CLOUDFLARE_IPV6].some((range) => cidrContains(range, cidr.trim()));
