import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { checkZones, settingProblem } from './helpers/zone';

/**
 * Every zone rewrites `http://` links in pages to `https://` where the target
 * supports it (`automatic_https_rewrites` "on"), so mixed content does not
 * leak requests in plain HTTP.
 */
export function zoneAutomaticHttpsRewrites(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'automatic_https_rewrites is on', (zone) =>
    settingProblem(zone, 'automatic_https_rewrites', (v) => v === 'on', '"on"'),
  );
}

export const control: StackControl = {
  id: 'TOM-EDGE-05',
  title: 'Automatic HTTPS Rewrites',
  severity: 'low',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.1'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Links to http:// resources in served pages are rewritten to https:// where possible, so pages load no mixed content.',
  equivalents: ['zone_automatic_https_rewrites_enabled'],
  rationale: 'Mixed content leaks requests (and sometimes cookies) over plain HTTP and lets a network attacker inject scripts into an HTTPS page.',
  remediation: 'Add `cloudflare_zone_setting { zone_id, setting_id = "automatic_https_rewrites", value = "on" }` for each zone.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneAutomaticHttpsRewrites,
};
