import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
import { checkZones, settingProblem } from './helpers/zone';

/** Every zone offers TLS 1.3 (`tls_1_3` "on", or "zrt" = on with 0-RTT). */
export function zoneTls13Enabled(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'tls_1_3 is on', (zone) =>
    settingProblem(zone, 'tls_1_3', (v) => v === 'on' || v === 'zrt', '"on" or "zrt"'),
  );
}
