import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { block, num } from '../../values';

/** The promise: a failed backend is detected and taken out within a minute. */
export const MAX_DETECTION_SECONDS = 60;

/** Provider defaults of `healthcheck` (DigitalOcean provider 2.x). */
const DEFAULT_INTERVAL = 10;
const DEFAULT_UNHEALTHY_THRESHOLD = 5;

/**
 * TOM-AVL-05. A load balancer notices a dead backend within 60 seconds:
 * `healthcheck.check_interval_seconds` × `healthcheck.unhealthy_threshold`
 * ≤ 60 (provider defaults 10 s × 5 when unset).
 */
export function loadbalancerFailoverTime(lb: InventoryResource): CheckResult {
  const hc = block(lb.values, 'healthcheck');
  const interval = num(hc?.check_interval_seconds) ?? DEFAULT_INTERVAL;
  const threshold = num(hc?.unhealthy_threshold) ?? DEFAULT_UNHEALTHY_THRESHOLD;
  const seconds = interval * threshold;
  if (seconds <= MAX_DETECTION_SECONDS) return pass(`failed backend removed after ${seconds} s`, 'healthcheck.check_interval_seconds');
  return fail(
    `healthcheck.check_interval_seconds ${interval} × unhealthy_threshold ${threshold} = ${seconds} s; a failed backend must be detected within ${MAX_DETECTION_SECONDS} s`,
    hc?.check_interval_seconds !== undefined ? 'healthcheck.check_interval_seconds' : 'healthcheck.unhealthy_threshold',
  );
}
