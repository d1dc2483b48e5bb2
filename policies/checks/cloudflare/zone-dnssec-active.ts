import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { checkZones, missingResourcePath, zoneResources } from './helpers/zone';
import { show } from '../../values';

/**
 * Every zone signs its records (`cloudflare_zone_dnssec` with status "active"),
 * so resolvers can reject forged answers that would send visitors, and their
 * credentials, to another host. The status must be explicit: provider v5 only
 * reports it otherwise.
 */
export function zoneDnssecActive(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'DNSSEC is active', (zone) => {
    const dnssec = zoneResources(zone, 'cloudflare_zone_dnssec');
    if (dnssec.some((r) => r.values.status === 'active')) return undefined;
    if (dnssec.length === 0) {
      return {
        reason: 'no cloudflare_zone_dnssec resource, so the zone is unsigned (required: status "active")',
        path: missingResourcePath('cloudflare_zone_dnssec', 'zone_id', zone.key),
      };
    }
    return { reason: `${dnssec[0].address} status is ${show(dnssec[0].values.status)} (required: "active")`, path: `${dnssec[0].address}.status` };
  });
}

export const control: StackControl = {
  id: 'TOM-EDGE-07',
  title: 'DNSSEC active',
  severity: 'medium',
  iso27001_2022: ['A.8.20', 'A.8.21'],
  iso27001_2013: ['A.13.1.1', 'A.13.1.2'],
  gdprArt32: ['b'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M4'],
  measure: "The zone's DNS answers are signed, so visitors cannot be redirected to a forged host by spoofed DNS.",
  equivalents: ['zone_dnssec_enabled'],
  rationale: 'Unsigned DNS can be spoofed or poisoned, sending users and their credentials to an attacker-controlled address.',
  remediation: 'Add `cloudflare_zone_dnssec { zone_id, status = "active" }` and publish the DS record at the registrar.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneDnssecActive,
};
