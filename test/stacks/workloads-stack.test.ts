import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { FALCO_CHART_VERSION } from '../../constructs/falco-runtime-ids';
import { backupVaultEnvironments } from '../../stacks/backup-vault-environments';
import { buildCdktfApp } from '../../stacks/platform-app';
import { PlatformStack } from '../../stacks/platform-stack';
import { WorkloadsStack } from '../../stacks/workloads-stack';

Testing.setupJest();

const config = loadConfig(DEFAULT_CONFIG);
const environment = (name: string) => config.environments.find((e) => e.name === name)!;

function synth(envName: string, processEnv: NodeJS.ProcessEnv = {}): any {
  const env = environment(envName);
  const stack = new WorkloadsStack(Testing.app(), `workloads-${env.name}`, { project: config.project, state: config.state, env, processEnv });
  return JSON.parse(Testing.synth(stack));
}

const all = (doc: any, type: string): any[] => Object.values(doc.resource[type] ?? {});
const data = (doc: any, type: string): any[] => Object.values(doc.data?.[type] ?? {});

describe('workloads-prod', () => {
  const doc = synth('prod');
  const json = JSON.stringify(doc);

  it('matches the reviewed snapshot', () => {
    expect(doc).toMatchSnapshot();
  });

  it('holds only what runs inside the cluster', () => {
    expect(Object.keys(doc.resource).sort()).toEqual(['helm_release', 'kubernetes_cron_job_v1', 'kubernetes_namespace_v1', 'kubernetes_secret_v1']);
  });

  it('reads the cluster and the database of platform-prod by name, never from a resource of its own apply', () => {
    const platform = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), 'platform-prod', { project: config.project, state: config.state, env: environment('prod'), processEnv: {} })));
    expect(data(doc, 'digitalocean_kubernetes_cluster').map((d) => d.name)).toEqual(all(platform, 'digitalocean_kubernetes_cluster').map((c) => c.name));
    expect(data(doc, 'digitalocean_database_cluster').map((d) => d.name)).toEqual(all(platform, 'digitalocean_database_cluster').map((c) => c.name));
    for (const provider of [doc.provider.kubernetes[0], doc.provider.helm[0].kubernetes]) {
      expect(provider.host).toMatch(/^\$\{data\.digitalocean_kubernetes_cluster\.[^}]+\.endpoint\}$/);
      expect(provider.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.digitalocean_kubernetes_cluster\.[^}]+\.kube_config\[0\]\.cluster_ca_certificate\)\}$/);
    }
  });

  it('carries no credentials: the DigitalOcean token from the environment, cluster credentials from the data source', () => {
    expect(doc.provider.digitalocean).toEqual([{}]);
    expect(json).not.toMatch(/dop_v1_|hooks\.slack\.com/);
    const tokens = [...json.matchAll(/"token":("[^"]*")/g)].map((m) => JSON.parse(m[1]));
    expect(tokens).toHaveLength(2);
    for (const t of tokens) expect(t).toMatch(/^\$\{data\.digitalocean_kubernetes_cluster\.[^}]+\.kube_config\[0\]\.token\}$/);
    expect(doc.variable.alert_slack_webhook_url).toMatchObject({ sensitive: true, type: 'string' });
  });

  it('stores state encrypted on Spaces under its own key, beside the platform stack', () => {
    expect(doc.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate', key: 'workloads-prod/terraform.tfstate', region: 'fra1', encrypt: true, use_lockfile: true });
  });
});

describe('workloads-staging', () => {
  it('matches the reviewed snapshot', () => {
    expect(synth('staging')).toMatchSnapshot();
  });

  it('keeps state on disk with TOM_STATE_BACKEND=local', () => {
    expect(synth('staging', { TOM_STATE_BACKEND: 'local' }).terraform.backend).toEqual({ local: { path: 'terraform.workloads-staging.tfstate' } });
  });
});

describe('the cdktf app', () => {
  it('builds one workloads stack per environment, each deployed after its own platform stack only', () => {
    const built = buildCdktfApp(config, { processEnv: {} });
    expect(built.workloads.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id)])).toEqual([
      ['workloads-staging', ['platform-staging']],
      ['workloads-prod', ['platform-prod']],
    ]);
  });
});

describe('Falco in workloads-prod', () => {
  const doc = synth('prod');
  const prod = environment('prod');
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
});

describe('Falco in staging without Slack', () => {
  it('passes no Slack webhook and declares no Slack variable', () => {
    const doc = synth('staging');
    const [falco] = all(doc, 'helm_release');
    expect(falco.set_sensitive).toBeUndefined();
    expect(doc.variable?.alert_slack_webhook_url).toBeUndefined();
  });
});

describe('backup rotation in workloads-prod', () => {
  const doc = synth('prod');
  const prod = environment('prod');
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

  it('writes age-encrypted dumps to the EU vault that backup-vault-prod creates, with the promised retention, holding no private key', () => {
    const e = env(byComponent('backup'));
    expect(e).toMatchObject({
      BACKUP_BUCKET: 'acme-prod-backup-vault',
      BACKUP_PREFIX: 'backups',
      AWS_REGION: 'eu-central-1',
      BACKUP_RETENTION_DAYS: '14',
      BACKUP_AGE_RECIPIENTS: prod.backup.ageRecipients.join(','),
    });
    const vault = backupVaultEnvironments(config).find((v) => v.name === 'prod')!;
    expect([e.BACKUP_BUCKET, e.BACKUP_PREFIX, e.BACKUP_RETENTION_DAYS]).toEqual([vault.bucketName, vault.writerPrefix, String(vault.retentionDays)]);
    expect(e.BACKUP_AGE_IDENTITY_FILE).toBeUndefined();
    expect(env(byComponent('restore-drill')).BACKUP_AGE_IDENTITY_FILE).toBe('/run/secrets/age/identity');
  });

  it('takes every credential from a Kubernetes secret', () => {
    const e = env(byComponent('backup'));
    for (const name of ['PGPASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) expect(e[name]).toEqual({ secret_key_ref: expect.objectContaining({ key: name }) });
    const [secret] = all(doc, 'kubernetes_secret_v1');
    expect(secret.data.PGPASSWORD).toMatch(/^\$\{data\.digitalocean_database_cluster\.[^}]+\.password\}$/);
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
