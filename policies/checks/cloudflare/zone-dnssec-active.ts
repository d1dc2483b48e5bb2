import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
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
