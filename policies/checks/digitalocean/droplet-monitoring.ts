import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { isTrue } from '../../values';

/**
 * TOM-CFG-05. Droplets run the DigitalOcean metrics agent (`monitoring =
 * true`, default false); without it memory and disk alerts never fire.
 */
export function dropletMonitoring(droplet: InventoryResource): CheckResult {
  if (isTrue(droplet.values.monitoring)) return pass('monitoring agent enabled', 'monitoring');
  return fail(`monitoring is ${JSON.stringify(droplet.values.monitoring ?? null)}; enable the metrics agent so memory and disk alerts can fire`, 'monitoring');
}
