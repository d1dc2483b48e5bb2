import { MIN_TLS_VERSIONS } from '../../../data/cloudflare';
import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
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
