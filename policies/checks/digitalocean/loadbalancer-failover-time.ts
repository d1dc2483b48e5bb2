import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { block, num } from '../../values';
import { LB } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-AVL-05',
  title: 'Failed backends detected within one minute',
  severity: 'medium',
  iso27001_2022: ['A.8.14', 'A.5.30'],
  iso27001_2013: ['A.17.2.1'],
  gdprArt32: ['b', 'c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M11'],
  measure: 'Failures are detected and traffic moved away automatically within one minute.',
  equivalents: [],
  rationale: 'The load balancer takes a backend out after `unhealthy_threshold` failed checks `check_interval_seconds` apart; their product is the promised detection time.',
  remediation: 'Keep `healthcheck.check_interval_seconds × healthcheck.unhealthy_threshold ≤ 60` (e.g. 10 s × 3).',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [LB],
  check: loadbalancerFailoverTime,
};
