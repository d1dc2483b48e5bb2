import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { isTrue, show } from '../../values';
import { isWebRecord, recordHostname, regionalHostnamesCovering } from './helpers/dns';

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
