import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
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
