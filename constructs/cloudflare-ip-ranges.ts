/**
 * Cloudflare's published edge IP ranges: the only addresses a proxied request
 * reaches the origin from. The origin load balancer admits these and nothing
 * else, so nobody can skip the WAF by calling the origin directly.
 *
 * Source: https://www.cloudflare.com/ips-v4 and https://www.cloudflare.com/ips-v6
 * (also served as JSON by https://api.cloudflare.com/client/v4/ips).
 * Compiled on 2026-11-23 from stored copies of those lists; the newest dated
 * copy is the MISP warning list "List of known Cloudflare IP ranges", version
 * 20261014, and every copy agreed. RETRIEVED is therefore 2026-10-14, the day
 * the list is known to have been current.
 *
 * To refresh: replace both lists with the current contents of the two URLs
 * and set RETRIEVED to today. test/stacks/edge-stack.test.ts fails once
 * RETRIEVED is more than MAX_AGE_DAYS old.
 */

/** Day the lists below were taken from Cloudflare's published lists (YYYY-MM-DD). */
export const RETRIEVED = '2026-10-14';

/** How old the lists may get before the freshness test asks for a refresh. */
export const MAX_AGE_DAYS = 180;

export const SOURCES: readonly string[] = ['https://www.cloudflare.com/ips-v4', 'https://www.cloudflare.com/ips-v6'];

/** https://www.cloudflare.com/ips-v4, in published order. */
export const CLOUDFLARE_IPV4: readonly string[] = [
  '173.245.48.0/20',
  '103.21.244.0/22',
  '103.22.200.0/22',
  '103.31.4.0/22',
  '141.101.64.0/18',
  '108.162.192.0/18',
  '190.93.240.0/20',
  '188.114.96.0/20',
  '197.234.240.0/22',
  '198.41.128.0/17',
  '162.158.0.0/15',
  '104.16.0.0/13',
  '104.24.0.0/14',
  '172.64.0.0/13',
  '131.0.72.0/22',
];

/** https://www.cloudflare.com/ips-v6, in published order. */
export const CLOUDFLARE_IPV6: readonly string[] = [
  '2400:cb00::/32',
  '2606:4700::/32',
  '2803:f800::/32',
  '2405:b500::/32',
  '2405:8100::/32',
  '2a06:98c0::/29',
  '2c0f:f248::/32',
];
