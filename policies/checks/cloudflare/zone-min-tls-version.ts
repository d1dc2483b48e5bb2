import { MIN_TLS_VERSIONS } from '../../../data/cloudflare';
import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { num } from '../../values';
import { checkZones, settingProblem } from './helpers/zone';

/** TLS versions the edge may negotiate at the lowest: 1.0 and 1.1 are deprecated (RFC 8996). */
const MINIMUM = Math.min(...MIN_TLS_VERSIONS.map(Number));

/** Every zone refuses TLS below 1.2 at the edge (`min_tls_version` "1.2" or "1.3"). */
export function zoneMinTlsVersion(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, `min_tls_version is at least ${MINIMUM.toFixed(1)}`, (zone) =>
    settingProblem(zone, 'min_tls_version', (v) => (num(v) ?? 0) >= MINIMUM, MIN_TLS_VERSIONS.map((v) => `"${v}"`).join(' or ')),
  );
}

export const control: StackControl = {
  id: 'TOM-EDGE-02',
  title: 'Edge refuses TLS below 1.2',
  severity: 'high',
  iso27001_2022: ['A.8.24', 'A.5.14', 'A.8.21'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1', 'A.13.2.3', 'A.13.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Clients can reach the service only with TLS 1.2 or newer.',
  equivalents: ['zone_min_tls_version_secure'],
  rationale: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and lack modern cipher suites; the Cloudflare default still accepts TLS 1.0.',
  remediation: 'Add `cloudflare_zone_setting { zone_id, setting_id = "min_tls_version", value = "1.2" }` (or "1.3") for each zone.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneMinTlsVersion,
};
