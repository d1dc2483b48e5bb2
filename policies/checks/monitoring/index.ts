import type { Control } from '../../types';
import * as falcoOnEveryCluster from './falco-on-every-cluster';
import * as falcoReleasePinned from './falco-release-pinned';
import * as falcoAlertRoute from './falco-alert-route';
import * as hostIdsInstalled from './host-ids-installed';
import * as hostSshHardened from './host-ssh-hardened';
import * as hostUnattendedUpgrades from './host-unattended-upgrades';
import * as hostAuditLog from './host-audit-log';
import * as capacityAlerts from './capacity-alerts';
import * as alertHasRoute from './alert-has-route';
import * as uptimeCheckAlerting from './uptime-check-alerting';
import * as publicHostnameUptime from './public-hostname-uptime';
import * as databaseCapacityAlerts from './database-capacity-alerts';

/**
 * Intrusion detection (Falco on clusters, a host IDS on Droplets), host
 * hardening set up by cloud-init, host audit logging, capacity and uptime
 * monitoring, and the rule that no alert exists without a route to a person.
 * No peer tool checks any of this for DigitalOcean.
 */
export const MONITORING_CONTROLS: readonly Control[] = [
  falcoOnEveryCluster.control,
  falcoReleasePinned.control,
  falcoAlertRoute.control,
  hostIdsInstalled.control,
  hostSshHardened.control,
  hostUnattendedUpgrades.control,
  hostAuditLog.control,
  capacityAlerts.control,
  alertHasRoute.control,
  uptimeCheckAlerting.control,
  publicHostnameUptime.control,
  databaseCapacityAlerts.control,
];
