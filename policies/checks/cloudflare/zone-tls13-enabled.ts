import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { checkZones, settingProblem } from './helpers/zone';

/** Every zone offers TLS 1.3 (`tls_1_3` "on", or "zrt" = on with 0-RTT). */
export function zoneTls13Enabled(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'tls_1_3 is on', (zone) =>
    settingProblem(zone, 'tls_1_3', (v) => v === 'on' || v === 'zrt', '"on" or "zrt"'),
  );
}

export const control: StackControl = {
  id: 'TOM-EDGE-03',
  title: 'Edge offers TLS 1.3',
  severity: 'medium',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.1'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Clients that support it connect with TLS 1.3 (forward secrecy only, no legacy ciphers).',
  equivalents: ['zone_tls_1_3_enabled'],
  rationale: 'TLS 1.3 removes the weak key exchanges and ciphers TLS 1.2 still allows and encrypts more of the handshake.',
  remediation: 'Add `cloudflare_zone_setting { zone_id, setting_id = "tls_1_3", value = "on" }` for each zone.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneTls13Enabled,
};
