import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { notificationRoute } from './helpers/routes';

/**
 * No alert without a route: every `digitalocean_monitor_alert` (`alerts`) and
 * `digitalocean_uptime_alert` (`notifications`) names at least one e-mail
 * address or Slack webhook, and every Slack webhook is https. An alert that
 * notifies nobody is a control that looks present and does nothing.
 */
export function alertHasRoute(resource: InventoryResource): CheckResult {
  const key = resource.type === 'digitalocean_uptime_alert' ? 'notifications' : 'alerts';
  const route = notificationRoute(resource.values, key);
  return route.ok ? pass(`notifies ${route.via}`, key) : fail(route.reason, route.path);
}

export const control: ResourceControl = {
  id: 'TOM-MON-02',
  title: 'Every alert has a route to a person',
  severity: 'high',
  iso27001_2022: ['A.8.16', 'A.5.25'],
  iso27001_2013: ['A.16.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M6', 'M12', 'M13'],
  measure: 'Every alert is delivered to the team over a secure channel.',
  equivalents: [],
  rationale: 'An alert without a recipient is a control that looks present and does nothing. Slack webhooks must be https so the alert (which may name hosts and users) is not sent in clear.',
  remediation: 'Give every digitalocean_monitor_alert an alerts { email = [...] and/or slack { channel, url = "https://hooks.slack.com/…" } } block, and every digitalocean_uptime_alert a notifications block of the same shape.',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['digitalocean_monitor_alert', 'digitalocean_uptime_alert'],
  check: alertHasRoute,
};
