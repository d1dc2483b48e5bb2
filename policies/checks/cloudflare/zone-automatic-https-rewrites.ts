import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
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
