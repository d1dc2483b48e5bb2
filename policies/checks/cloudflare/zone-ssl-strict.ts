import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { checkZones, settingProblem } from './helpers/zone';

/**
 * Every zone's SSL/TLS mode is Full (strict): Cloudflare talks to the origin
 * over TLS and verifies its certificate. `flexible` sends visitor traffic to
 * the origin in plain HTTP; `full` accepts any certificate, so anyone on the
 * path can impersonate the origin.
 */
export function zoneSslStrict(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'ssl is "strict"', (zone) =>
    settingProblem(zone, 'ssl', (v) => v === 'strict', '"strict"'),
  );
}

export const control: StackControl = {
  id: 'TOM-EDGE-01',
  title: 'Edge-to-origin TLS is Full (strict)',
  severity: 'high',
  iso27001_2022: ['A.8.24', 'A.5.14', 'A.8.21'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1', 'A.13.2.3', 'A.13.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Traffic between Cloudflare and the origin is encrypted and the origin certificate is verified.',
  equivalents: ['zone_ssl_strict'],
  rationale:
    'In "flexible" mode Cloudflare forwards visitor requests to the origin in plain HTTP; in "full" mode it accepts any certificate, so anyone on the path can pose as the origin. Only "strict" makes the second half of the connection as safe as the first.',
  remediation:
    'Add `cloudflare_zone_setting { zone_id, setting_id = "ssl", value = "strict" }` for each zone and serve a certificate Cloudflare trusts (e.g. a Cloudflare Origin CA certificate) on the origin load balancer.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneSslStrict,
};
