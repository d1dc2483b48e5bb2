import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { FALCO_CHART_VERSION } from '../../constructs/falco-runtime-ids';
import { PlatformStack } from '../../stacks/platform-stack';

const config = loadConfig(DEFAULT_CONFIG);

function synth(envName: string): any {
  const env = config.environments.find((e) => e.name === envName)!;
  const stack = new PlatformStack(Testing.app(), `platform-${env.name}`, { project: config.project, state: config.state, env, processEnv: {} });
  return JSON.parse(Testing.synth(stack));
}

const all = (doc: any, type: string): any[] => Object.values(doc.resource[type] ?? {});

describe('detection and alerting hooks in platform-prod', () => {
  const doc = synth('prod');
  const prod = config.environments.find((e) => e.name === 'prod')!;

  describe('Falco on the cluster', () => {
    const [falco] = all(doc, 'helm_release');
    const values = parse(falco.values[0]);

    it('is a pinned chart from the Falco repository', () => {
      expect(falco).toMatchObject({ name: 'falco', chart: 'falco', repository: 'https://falcosecurity.github.io/charts', version: FALCO_CHART_VERSION });
      expect(FALCO_CHART_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('uses the modern eBPF driver and forwards alerts through falcosidekick to the route', () => {
      expect(values.driver.kind).toBe('modern_ebpf');
      expect(values.falcosidekick.enabled).toBe(true);
      expect(values.falcosidekick.config.webhook.address).toBe(prod.alerting.webhookUrl);
      expect(values.falcosidekick.config.slack.channel).toBe('#ops-alerts');
      expect(falco.set_sensitive).toEqual([{ name: 'falcosidekick.config.slack.webhookurl', value: '${var.alert_slack_webhook_url}' }]);
    });

    it('adds the kit rules: shells, writes below /etc, sensitive reads, egress outside the allow-list', () => {
      const rules = parse(values.customRules['tom-kit-rules.yaml']);
      const names = rules.filter((r: any) => r.rule).map((r: any) => r.rule);
      expect(names).toEqual(['TOM shell in container', 'TOM write below etc', 'TOM read of sensitive file', 'TOM outbound connection outside allow-list']);
      expect(rules[0].condition).toContain('"10.10.0.0/20"');
    });

    it('reaches the cluster with the cluster\'s own credentials', () => {
      expect(doc.provider.helm[0].kubernetes.host).toMatch(/^\$\{digitalocean_kubernetes_cluster\..*\.endpoint\}$/);
    });
  });

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
    const [falco] = all(doc, 'helm_release');
    expect(falco.set_sensitive).toBeUndefined();
    expect(all(doc, 'digitalocean_monitor_alert').every((a) => a.alerts.slack === undefined && a.alerts.email.length === 1)).toBe(true);
  });
});

describe('backup rotation in platform-prod', () => {
  const doc = synth('prod');
  const prod = config.environments.find((e) => e.name === 'prod')!;
  const jobs = all(doc, 'kubernetes_cron_job_v1');
  const byComponent = (c: string) => jobs.find((j) => j.metadata.labels['app.kubernetes.io/component'] === c);
  const container = (job: any) => job.spec.job_template.spec.template.spec.container[0];
  const env = (job: any) => Object.fromEntries(container(job).env.map((e: any) => [e.name, e.value ?? e.value_from]));

  it('runs a daily backup and a weekly restore drill on the configured schedules', () => {
    expect(byComponent('backup').spec.schedule).toBe(prod.backup.schedule);
    expect(byComponent('restore-drill').spec.schedule).toBe(prod.backup.restoreDrillSchedule);
    expect(container(byComponent('backup')).args).toEqual(['run']);
    expect(container(byComponent('restore-drill')).args).toEqual(['restore-drill']);
  });

  it('writes age-encrypted dumps to the EU vault with the promised retention, holding no private key', () => {
    const e = env(byComponent('backup'));
    expect(e).toMatchObject({
      BACKUP_BUCKET: 'acme-prod-backup-vault',
      BACKUP_PREFIX: 'backups',
      AWS_REGION: 'eu-central-1',
      BACKUP_RETENTION_DAYS: '14',
      BACKUP_AGE_RECIPIENTS: prod.backup.ageRecipients.join(','),
    });
    expect(e.BACKUP_AGE_IDENTITY_FILE).toBeUndefined();
    expect(env(byComponent('restore-drill')).BACKUP_AGE_IDENTITY_FILE).toBe('/run/secrets/age/identity');
  });

  it('takes every credential from a Kubernetes secret', () => {
    const e = env(byComponent('backup'));
    for (const name of ['PGPASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) expect(e[name]).toEqual({ secret_key_ref: expect.objectContaining({ key: name }) });
    const [secret] = all(doc, 'kubernetes_secret_v1');
    expect(secret.data.PGPASSWORD).toMatch(/^\$\{digitalocean_database_cluster\..*\.password\}$/);
  });

  it('runs hardened: non-root, read-only root filesystem, no escalation, limited resources, alerting on failure', () => {
    for (const job of jobs) {
      expect(container(job).security_context).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, allow_privilege_escalation: false, privileged: false, capabilities: { drop: ['ALL'] } });
      expect(container(job).resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
      expect(job.metadata.annotations['tom-kit/alert-route']).toBe(prod.alerting.webhookUrl);
      expect(job.spec.job_template.spec.backoff_limit).toBe(2);
    }
  });
});
