import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { isTrue, show } from '../../values';
import { isWebRecord } from './helpers/dns';
import { DNS_RECORDS } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-EDGE-10',
  title: 'Web DNS records are proxied through Cloudflare',
  severity: 'high',
  iso27001_2022: ['A.8.20', 'A.8.21'],
  iso27001_2013: ['A.13.1.1', 'A.13.1.2'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4'],
  measure: 'Every public web hostname resolves to Cloudflare, so its traffic passes the WAF, rate limits and TLS policy and the origin address stays hidden.',
  equivalents: ['dns_record_proxied'],
  rationale: 'An unproxied (grey-cloud) A/AAAA/CNAME record publishes the origin address and lets anyone bypass every edge control.',
  remediation:
    'Set `proxied = true` on every A/AAAA/CNAME `cloudflare_dns_record` of a web host. Underscore records (ACME, DKIM) are exempt; waive a record that must stay DNS-only with a reason.',
  area: 'cloudflare',
  scope: 'resource',
  appliesTo: DNS_RECORDS,
  check: dnsRecordProxied,
};
