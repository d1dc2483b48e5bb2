import type { CheckResult, InventoryResource } from '../../types';
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
