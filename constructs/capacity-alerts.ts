import { MonitorAlert } from '@cdktf/provider-digitalocean/lib/monitor-alert';
import { Construct } from 'constructs';
import type { AlertRoute } from './alert-route';

export interface CapacityThresholds {
  /** Percent. @default 80 */
  readonly cpu?: number;
  /** Percent. @default 85 */
  readonly memory?: number;
  /** Percent. @default 85 */
  readonly disk?: number;
  /** How long the value must stay above the threshold. @default 10m */
  readonly window?: '5m' | '10m' | '30m' | '1h';
}

export interface CapacityAlertsProps {
  /** Name prefix for the alert descriptions. */
  readonly name: string;
  /** Droplet tags to watch: the cluster node tag, the bastion tag. */
  readonly tags: readonly string[];
  /** Managed database clusters to watch (by id). */
  readonly databaseIds?: readonly string[];
  readonly route: AlertRoute;
  readonly thresholds?: CapacityThresholds;
}

const DROPLET_METRICS = [
  ['cpu', 'v1/insights/droplet/cpu', 'CPU'],
  ['memory', 'v1/insights/droplet/memory_utilization_percent', 'memory'],
  ['disk', 'v1/insights/droplet/disk_utilization_percent', 'disk'],
] as const;

const DATABASE_METRICS = [
  ['cpu', 'v1/dbaas/alerts/cpu_alerts', 'CPU'],
  ['memory', 'v1/dbaas/alerts/memory_utilization_alerts', 'memory'],
  ['disk', 'v1/dbaas/alerts/disk_utilization_alerts', 'disk'],
] as const;

/**
 * Capacity management (M12): CPU, memory and disk alerts on every tagged
 * droplet (Kubernetes nodes included) and every managed database, all routed
 * to the environment's alert route.
 */
export class CapacityAlerts extends Construct {
  readonly alerts: MonitorAlert[] = [];

  constructor(scope: Construct, id: string, props: CapacityAlertsProps) {
    super(scope, id);
    if (props.tags.length === 0) throw new Error(`${props.name}: capacity alerts need at least one droplet tag to watch`);
    const t = { cpu: 80, memory: 85, disk: 85, window: '10m', ...props.thresholds } as const;
    const alerts = props.route.digitalOceanTargets();
    const watch = (kind: 'droplet' | 'database', metrics: typeof DROPLET_METRICS | typeof DATABASE_METRICS, target: { tags?: string[]; entities?: string[] }) => {
      for (const [key, type, label] of metrics) {
        this.alerts.push(
          new MonitorAlert(this, `${kind}-${key}`, {
            type,
            compare: 'GreaterThan',
            value: t[key],
            window: t.window,
            enabled: true,
            ...target,
            description: `${props.name}: ${kind} ${label} above ${t[key]}% for ${t.window}`,
            alerts,
          }),
        );
      }
    };
    watch('droplet', DROPLET_METRICS, { tags: [...props.tags] });
    if (props.databaseIds?.length) watch('database', DATABASE_METRICS, { entities: [...props.databaseIds] });
  }
}
