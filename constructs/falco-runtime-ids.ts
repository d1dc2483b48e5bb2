import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { AlertRoute } from './alert-route';
import { renderFalcoRules } from './falco-rules';

/**
 * Pinned chart version (falcosecurity/charts, falco 9.1.1 = Falco 0.44.1).
 * A bump is a reviewed change, never a floating range.
 */
export const FALCO_CHART_VERSION = '9.1.1';

export interface FalcoRuntimeIdsProps {
  readonly route: AlertRoute;
  /** Networks containers may reach besides DNS/NTP/HTTPS (the VPC, allowed partners). */
  readonly allowedEgressCidrs: readonly string[];
  /** @default falco */
  readonly namespace?: string;
}

/**
 * Falco on every node of the cluster (modern eBPF driver, no kernel module),
 * with falcosidekick forwarding every alert to the environment's route and
 * the kit's own rules added to Falco's defaults.
 */
export class FalcoRuntimeIds extends Construct {
  readonly release: Release;

  constructor(scope: Construct, id: string, props: FalcoRuntimeIdsProps) {
    super(scope, id);
    const { route } = props;
    const values = {
      driver: { kind: 'modern_ebpf' },
      tty: true,
      falco: { json_output: true, priority: 'notice' },
      customRules: { 'tom-kit-rules.yaml': renderFalcoRules({ allowedEgressCidrs: props.allowedEgressCidrs }) },
      falcosidekick: {
        enabled: true,
        config: {
          webhook: { address: route.webhookUrl, minimumpriority: 'notice' },
          ...(route.slack ? { slack: { channel: route.slack.channel, minimumpriority: 'warning' } } : {}),
          ...(route.teamsUrl ? { teams: { minimumpriority: 'warning' } } : {}),
        },
      },
    };
    // Secret webhook URLs go through set_sensitive so they stay out of the values document and the plan output.
    const setSensitive = [
      ...(route.slack ? [{ name: 'falcosidekick.config.slack.webhookurl', value: route.slack.url }] : []),
      ...(route.teamsUrl ? [{ name: 'falcosidekick.config.teams.webhookurl', value: route.teamsUrl }] : []),
    ];
    this.release = new Release(this, 'release', {
      name: 'falco',
      repository: 'https://falcosecurity.github.io/charts',
      chart: 'falco',
      version: FALCO_CHART_VERSION,
      namespace: props.namespace ?? 'falco',
      createNamespace: true,
      atomic: true,
      cleanupOnFail: true,
      values: [stringify(values, { lineWidth: 0 })],
      setSensitive: setSensitive.length ? setSensitive : undefined,
    });
  }
}
