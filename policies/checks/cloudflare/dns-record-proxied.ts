import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { isTrue, show } from '../../values';
import { isWebRecord } from './helpers/dns';

/**
 * Every A/AAAA/CNAME web record is proxied: traffic passes Cloudflare's WAF,
 * rate limiting and TLS policy, and the origin address stays unpublished.
 * Underscore records (ACME, DKIM) are not web hostnames and not applicable.
 */
export function dnsRecordProxied(record: InventoryResource): CheckResult {
  if (!isWebRecord(record)) return notApplicable('not an A/AAAA/CNAME web hostname');
  if (isTrue(record.values.proxied)) return pass('proxied through Cloudflare', 'proxied');
  return fail(
    `${show(record.values.type)} record ${show(record.values.name)} has proxied ${show(record.values.proxied)}: it publishes the origin address and bypasses the WAF (required: true)`,
    'proxied',
  );
}
