import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { checkZones, settingProblem } from './helpers/zone';

/** Every zone redirects plain-HTTP requests to HTTPS at the edge (`always_use_https` "on"). */
export function zoneAlwaysUseHttps(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'always_use_https is on', (zone) =>
    settingProblem(zone, 'always_use_https', (v) => v === 'on', '"on"'),
  );
}

export const control: StackControl = {
  id: 'TOM-EDGE-04',
  title: 'Always Use HTTPS',
  severity: 'high',
  iso27001_2022: ['A.8.24', 'A.5.14'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1', 'A.13.2.3'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Every plain-HTTP request is redirected to HTTPS before any data is exchanged.',
  equivalents: ['zone_https_redirect_enabled'],
  rationale: 'Without the redirect a visitor who types the bare domain sends cookies and form data in clear text.',
  remediation: 'Add `cloudflare_zone_setting { zone_id, setting_id = "always_use_https", value = "on" }` for each zone.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneAlwaysUseHttps,
};
