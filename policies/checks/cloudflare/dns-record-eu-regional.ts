import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { isTrue, show } from '../../values';
import { isWebRecord, recordHostname, regionalHostnamesCovering } from './helpers/dns';
import { DNS_RECORDS } from './helpers/catalogue';

/** Data Localization Suite region that keeps TLS termination and inspection inside the EU. */
const EU_REGION_KEY = 'eu';

/**
 * Every proxied web hostname has a `cloudflare_regional_hostname` with
 * `region_key` "eu" in the same stack: without it Cloudflare decrypts the
 * traffic in whichever data centre is nearest to the visitor, worldwide.
 */
export function dnsRecordEuRegional(record: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isWebRecord(record) || !isTrue(record.values.proxied)) return notApplicable('not a proxied web hostname');
  const hostname = recordHostname(record, index);
  const covering = regionalHostnamesCovering(record, hostname, index);
  // Cloudflare applies the most specific regional hostname: an exact name wins over a wildcard.
  const exact = covering.filter((r) => !(r.values.hostname as string).startsWith('*.'));
  const applied = exact.length > 0 ? exact : covering;
  const eu = applied.find((r) => r.values.region_key === EU_REGION_KEY);
  if (eu) return pass(`TLS for ${hostname} terminates in the EU (${eu.address})`, 'name');
  if (applied.length > 0) {
    const other = applied[0];
    return fail(`${other.address} pins ${hostname} to region_key ${show(other.values.region_key)} (required: "${EU_REGION_KEY}")`, `${other.address}.region_key`);
  }
  return fail(
    `no cloudflare_regional_hostname with region_key "${EU_REGION_KEY}" covers ${hostname}, so Cloudflare may decrypt its traffic outside the EU`,
    'name',
  );
}

export const control: ResourceControl = {
  id: 'TOM-EDGE-11',
  title: 'TLS for proxied hostnames terminates in the EU',
  severity: 'medium',
  iso27001_2022: ['A.5.23', 'A.5.34'],
  iso27001_2013: ['A.18.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M1'],
  measure: 'Cloudflare decrypts and inspects traffic of the service only in EU data centres (Regional Services, region "eu").',
  equivalents: [],
  rationale:
    'A proxied hostname is decrypted at whichever Cloudflare data centre is closest to the visitor, worldwide; only a regional hostname keeps the cleartext of personal data inside the EU. Cloudflare, Inc. remains a US company: this is data location, not jurisdiction.',
  remediation:
    'Add `cloudflare_regional_hostname { zone_id, hostname = "<record name>", region_key = "eu" }` for every proxied hostname (a one-level wildcard such as `*.example.com` covers its subdomains). Needs the Data Localization Suite entitlement.',
  area: 'cloudflare',
  scope: 'resource',
  appliesTo: DNS_RECORDS,
  check: dnsRecordEuRegional,
};
