import { UptimeAlert } from '@cdktf/provider-digitalocean/lib/uptime-alert';
import { UptimeCheck } from '@cdktf/provider-digitalocean/lib/uptime-check';
import { Construct } from 'constructs';
import type { AlertRoute } from './alert-route';

export interface UptimeMonitoringProps {
  /** Public hostnames; each gets an https check from European probe regions. */
  readonly hostnames: readonly string[];
  readonly route: AlertRoute;
  /** Alert when a probe's latency stays above this. @default 2000 ms */
  readonly latencyThresholdMs?: number;
  /** Alert this many days before the TLS certificate expires. @default 14 */
  readonly certificateExpiryDays?: number;
}

/**
 * The uptime commitment made measurable (M13): an https uptime check per
 * public hostname with alerts for downtime, latency and certificate expiry.
 */
export class UptimeMonitoring extends Construct {
  readonly checks: UptimeCheck[] = [];

  constructor(scope: Construct, id: string, props: UptimeMonitoringProps) {
    super(scope, id);
    const notifications = [props.route.digitalOceanTargets()];
    props.hostnames.forEach((host) => {
      const key = host.replace(/\./g, '-');
      const check = new UptimeCheck(this, `check-${key}`, {
        name: `https-${key}`,
        target: `https://${host}`,
        type: 'https',
        regions: ['eu_west'],
        enabled: true,
      });
      this.checks.push(check);
      new UptimeAlert(this, `down-${key}`, { checkId: check.id, name: `${host} down`, type: 'down', period: '2m', notifications });
      new UptimeAlert(this, `latency-${key}`, {
        checkId: check.id,
        name: `${host} slow`,
        type: 'latency',
        comparison: 'greater_than',
        threshold: props.latencyThresholdMs ?? 2000,
        period: '5m',
        notifications,
      });
      new UptimeAlert(this, `tls-${key}`, {
        checkId: check.id,
        name: `${host} certificate expiring`,
        type: 'ssl_expiry',
        threshold: props.certificateExpiryDays ?? 14,
        notifications,
      });
    });
  }
}
