import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { isHttpsUrl } from './helpers/routes';

/** Uptime alert types that fire when the endpoint stops answering. */
const DOWN_TYPES: readonly string[] = ['down', 'down_global'];

/**
 * Every uptime check measures what users get and tells someone when it
 * fails: it is enabled, of type `https` with an `https://` target (so TLS
 * and certificate trouble count as down), and a `digitalocean_uptime_alert`
 * of type `down` (or `down_global`) references it.
 */
export function uptimeCheckAlerting(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const v = resource.values;
  if (v.enabled === false || v.enabled === 'false') return fail('the uptime check is disabled', 'enabled');
  if (v.type !== undefined && v.type !== 'https') return fail(`type is "${String(v.type)}"; required: https`, 'type');
  if (!isHttpsUrl(v.target)) return fail(`target "${String(v.target ?? '')}" is not an https:// URL`, 'target');
  const alerts = index.referencing(resource, 'digitalocean_uptime_alert');
  const down = alerts.find((a) => DOWN_TYPES.includes(String(a.values.type)));
  if (!down) {
    const types = alerts.map((a) => String(a.values.type)).join(', ');
    return fail(`no digitalocean_uptime_alert of type down references this check${types ? ` (only: ${types})` : ''}`, 'digitalocean_uptime_alert.check_id');
  }
  return pass(`${String(v.target)} watched, ${down.address} alerts when it is down`, 'target');
}

export const control: ResourceControl = {
  id: 'TOM-MON-03',
  title: 'Uptime checks probe https and alert when down',
  severity: 'medium',
  iso27001_2022: ['A.8.16', 'A.5.30'],
  iso27001_2013: [],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M13'],
  measure: 'Availability is measured from outside, over the same encrypted connection users get, and an outage raises an alert.',
  equivalents: [],
  rationale:
    'An uptime promise needs a measurement; an http or ping probe says nothing about the certificate and TLS path users depend on, and a check nobody is alerted by only produces a statistic.',
  remediation: 'Set the digitalocean_uptime_check to type = "https", target = "https://HOST", enabled = true, and add a digitalocean_uptime_alert { check_id = <check>.id, type = "down", notifications { … } }.',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['digitalocean_uptime_check'],
  check: uptimeCheckAlerting,
};
