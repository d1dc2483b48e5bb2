import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { PlatformStack } from '../../stacks/platform-stack';

const config = loadConfig(DEFAULT_CONFIG);

function synth(envName: string): any {
  const env = config.environments.find((e) => e.name === envName)!;
  const stack = new PlatformStack(Testing.app(), `platform-${env.name}`, { project: config.project, state: config.state, env, processEnv: {} });
  return JSON.parse(Testing.synth(stack));
}

const all = (doc: any, type: string): any[] => Object.values(doc.resource[type] ?? {});

describe('detection and alerting hooks outside the cluster in platform-prod', () => {
  const doc = synth('prod');
  const prod = config.environments.find((e) => e.name === 'prod')!;

  describe('the bastion host', () => {
    const [droplet] = all(doc, 'digitalocean_droplet');
    const firewall = all(doc, 'digitalocean_firewall').find((f) => f.name === 'acme-prod-bastion');

    it('is in the VPC with monitoring, personal SSH keys and readable host-IDS user data', () => {
      expect(droplet).toMatchObject({ region: 'fra1', monitoring: true, image: 'debian-12-x64' });
      expect(droplet.vpc_uuid).toMatch(/^\$\{digitalocean_vpc\.network_vpc_/);
      expect(droplet.ssh_keys).toHaveLength(prod.access.admins.length);
      expect(droplet.user_data.startsWith('#cloud-config\n')).toBe(true);
      expect(parse(droplet.user_data).packages).toEqual(expect.arrayContaining(['aide', 'rkhunter', 'fail2ban', 'auditd', 'unattended-upgrades']));
    });

    it('accepts SSH only from the admin networks', () => {
      expect(firewall.inbound_rule).toEqual([{ protocol: 'tcp', port_range: '22', source_addresses: prod.network.adminCidrs }]);
      expect(firewall.droplet_ids[0]).toMatch(/digitalocean_droplet\..*\.id/);
    });
  });

  describe('capacity and uptime alerts', () => {
    const alerts = all(doc, 'digitalocean_monitor_alert');

    it('watches CPU, memory and disk of nodes and bastion, and of the database, all enabled and routed', () => {
      expect(alerts.map((a) => a.type).sort()).toEqual([
        'v1/dbaas/alerts/cpu_alerts',
        'v1/dbaas/alerts/disk_utilization_alerts',
        'v1/dbaas/alerts/memory_utilization_alerts',
        'v1/insights/droplet/cpu',
        'v1/insights/droplet/disk_utilization_percent',
        'v1/insights/droplet/memory_utilization_percent',
      ]);
      for (const a of alerts) {
        expect(a.enabled).toBe(true);
        expect(a.alerts.email).toEqual(prod.alerting.emails);
        expect(a.alerts.slack).toEqual([{ channel: '#ops-alerts', url: '${var.alert_slack_webhook_url}' }]);
      }
      const dropletAlert = alerts.find((a) => a.type === 'v1/insights/droplet/cpu');
      expect(dropletAlert.tags).toEqual(['acme-prod-node', 'acme-prod-bastion']);
    });

    it('checks every public hostname over https from the EU, with down, latency and certificate alerts', () => {
      const checks = all(doc, 'digitalocean_uptime_check');
      expect(checks.map((c) => c.target).sort()).toEqual(prod.edge!.hostnames.map((h) => `https://${h}`).sort());
      expect(checks.every((c) => c.type === 'https' && c.enabled === true && c.regions.join() === 'eu_west')).toBe(true);
      const uptimeAlerts = all(doc, 'digitalocean_uptime_alert');
      expect(uptimeAlerts).toHaveLength(checks.length * 3);
      expect(new Set(uptimeAlerts.map((a) => a.type))).toEqual(new Set(['down', 'latency', 'ssl_expiry']));
      expect(uptimeAlerts.every((a) => a.notifications[0].email.length > 0)).toBe(true);
    });
  });

  it('keeps the Slack webhook URL a sensitive variable, never a literal', () => {
    expect(doc.variable.alert_slack_webhook_url).toMatchObject({ sensitive: true, type: 'string' });
    expect(JSON.stringify(doc)).not.toMatch(/hooks\.slack\.com/);
  });
});

describe('staging without Slack', () => {
  const doc = synth('staging');

  it('routes alerts by e-mail and webhook only, and declares no Slack variable', () => {
    expect(doc.variable?.alert_slack_webhook_url).toBeUndefined();
    expect(all(doc, 'digitalocean_monitor_alert').every((a) => a.alerts.slack === undefined && a.alerts.email.length === 1)).toBe(true);
  });
});

describe('what runs inside the cluster', () => {
  it('is not in the platform stack: no Kubernetes or Helm provider is configured from the cluster created here', () => {
    const doc = synth('prod');
    expect(doc.provider.kubernetes).toBeUndefined();
    expect(doc.provider.helm).toBeUndefined();
    expect(Object.keys(doc.resource).filter((type) => /^(helm|kubernetes)_/.test(type))).toEqual([]);
  });
});
