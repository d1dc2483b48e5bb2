import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import type { AlertingConfig } from '../config/schema';
import { assertHttpsUrl } from '../config/url';

/** Slack target as DigitalOcean's monitor and uptime alerts take it. */
export interface SlackTarget {
  readonly channel: string;
  readonly url: string;
}

/**
 * The environment's single alert route (M6: "the responsible team is alerted
 * at once"). Every hook — Falco, host IDS, capacity and uptime alerts, failed
 * backup jobs — takes its targets from here, so none is left without one.
 * Webhook URLs that are secrets (Slack, Teams) are sensitive Terraform
 * variables: the synthesized JSON holds `${var.…}`, never the URL.
 */
export class AlertRoute extends Construct {
  /** Generic https webhook (not a secret by design: authenticate it at the receiver). */
  readonly webhookUrl: string;
  readonly emails: readonly string[];
  readonly slack?: SlackTarget;
  /** Microsoft Teams incoming-webhook URL (a variable reference), when configured. */
  readonly teamsUrl?: string;

  constructor(scope: Construct, id: string, config: AlertingConfig) {
    super(scope, id);
    // The same rule as the config schema: every hook below writes this URL somewhere.
    assertHttpsUrl(config.webhookUrl, 'alerting.webhookUrl');
    this.webhookUrl = config.webhookUrl;
    this.emails = [...config.emails];
    if (config.slack) {
      const url = new TerraformVariable(this, 'slack_webhook_url', {
        type: 'string',
        sensitive: true,
        description: 'Slack incoming-webhook URL for alerts (set TF_VAR_alert_slack_webhook_url)',
      });
      url.overrideLogicalId('alert_slack_webhook_url');
      this.slack = { channel: config.slack.channel, url: url.stringValue };
    }
    if (config.teams) {
      const url = new TerraformVariable(this, 'teams_webhook_url', {
        type: 'string',
        sensitive: true,
        description: 'Microsoft Teams incoming-webhook URL for alerts (set TF_VAR_alert_teams_webhook_url)',
      });
      url.overrideLogicalId('alert_teams_webhook_url');
      this.teamsUrl = url.stringValue;
    }
  }

  /** `alerts` block of a `digitalocean_monitor_alert` / `notifications` of an uptime alert. */
  digitalOceanTargets(): { email: string[]; slack?: SlackTarget[] } {
    return { email: [...this.emails], slack: this.slack ? [{ ...this.slack }] : undefined };
  }
}
