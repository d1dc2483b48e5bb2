/** Values that the catalogue entries of several Cloudflare controls share (resource types in `appliesTo`). */

/** DNS record types of Cloudflare provider v5 and v4. */
export const DNS_RECORDS = ['cloudflare_dns_record', 'cloudflare_record'];
