import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { isTrue, show } from '../../values';
import { checkZones, missingResourcePath, zoneResources } from './helpers/zone';

/**
 * Every zone presents Cloudflare's client certificate to the origin
 * (Authenticated Origin Pulls), so an origin that requires it answers only
 * Cloudflare, never a direct request that skips the WAF. v5
 * `cloudflare_authenticated_origin_pulls_settings { enabled }`; v4 zone-wide
 * `cloudflare_authenticated_origin_pulls { enabled }` without a hostname.
 */
export function zoneAuthenticatedOriginPulls(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'authenticated origin pulls are enabled', (zone) => {
    const settings = [
      ...zoneResources(zone, 'cloudflare_authenticated_origin_pulls_settings'),
      ...zoneResources(zone, 'cloudflare_authenticated_origin_pulls').filter((r) => r.values.hostname === undefined),
    ];
    if (settings.some((r) => isTrue(r.values.enabled))) return undefined;
    if (settings.length === 0) {
      return {
        reason: 'no cloudflare_authenticated_origin_pulls_settings resource, so the origin cannot tell Cloudflare from anyone else (required: enabled true)',
        path: missingResourcePath('cloudflare_authenticated_origin_pulls_settings', 'zone_id', zone.key),
      };
    }
    return { reason: `${settings[0].address} enabled is ${show(settings[0].values.enabled)} (required: true)`, path: `${settings[0].address}.enabled` };
  });
}

export const control: StackControl = {
  id: 'TOM-EDGE-12',
  title: 'Authenticated Origin Pulls enabled',
  severity: 'medium',
  iso27001_2022: ['A.8.20', 'A.8.21', 'A.8.24'],
  iso27001_2013: ['A.13.1.1', 'A.13.1.2', 'A.10.1.1'],
  gdprArt32: ['a', 'b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M2', 'M4'],
  measure: "Cloudflare proves itself to the origin with a client certificate, so the origin can refuse every request that did not pass Cloudflare's controls.",
  equivalents: [],
  rationale: "IP allow-lists of Cloudflare's ranges admit any Cloudflare customer's traffic; mutual TLS ties origin access to this zone.",
  remediation:
    'Add `cloudflare_authenticated_origin_pulls_settings { zone_id, enabled = true }` and require the Cloudflare origin-pull CA on the origin (load balancer or ingress).',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneAuthenticatedOriginPulls,
};
