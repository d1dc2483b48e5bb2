import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
import { checkZones, settingProblem } from './helpers/zone';

/** Every zone redirects plain-HTTP requests to HTTPS at the edge (`always_use_https` "on"). */
export function zoneAlwaysUseHttps(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'always_use_https is on', (zone) =>
    settingProblem(zone, 'always_use_https', (v) => v === 'on', '"on"'),
  );
}
