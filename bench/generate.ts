/**
 * Generated synth output for the audit benchmark: cdktf stacks of DigitalOcean,
 * Cloudflare, Kubernetes and Helm resources plus CloudFormation stacks of AWS
 * resources, with the references real stacks have (droplet → VPC, firewall →
 * droplet, database firewall → cluster, alert → droplet, bucket → key…).
 *
 * Resources come in "units" of 20 (one application: droplet, firewall, load
 * balancer, database, bucket, alerts, DNS record, workloads, and its AWS vault
 * bucket), 25 units to a stack pair; each cdktf stack also has its shared VPC,
 * Kubernetes cluster, Falco release, WAF rulesets and zone settings. So 10,000
 * resources are about 20 cdktf + 20 CloudFormation stacks. Roughly one unit in
 * ten is non-compliant somewhere, so checks take their failure paths too.
 */

/** Resources per unit (17 Terraform + 3 CloudFormation); stacks add their shared resources. */
export const UNIT_SIZE = 20;
const UNITS_PER_STACK = 25;

export interface GeneratedStack {
  readonly kind: 'cdktf' | 'cloudformation';
  readonly name: string;
  readonly doc: Record<string, unknown>;
}

type Body = Record<string, unknown>;

function terraformUnit(i: number, stack: string): Record<string, Record<string, Body>> {
  const bad = i % 10 === 7; // a sprinkling of non-compliant units
  const region = bad ? 'nyc3' : i % 2 ? 'fra1' : 'ams3';
  const n = `u${i}`;
  const ref = (type: string, attr = 'id') => `\${${type}.${n}.${attr}}`;
  return {
    digitalocean_droplet: {
      [n]: { name: `${n}-app`, image: 'ubuntu-24-04-x64', size: 's-1vcpu-2gb', region, vpc_uuid: '${digitalocean_vpc.main.id}', monitoring: !bad, backups: true, ssh_keys: ['ops-key-fingerprint'], tags: ['app', `unit-${i}`], user_data: '#cloud-config\npackages: [unattended-upgrades, auditd, aide]\n' },
    },
    digitalocean_firewall: {
      [n]: {
        name: `${n}-fw`,
        droplet_ids: [ref('digitalocean_droplet')],
        inbound_rule: [{ protocol: 'tcp', port_range: bad ? '22' : '443', ...(bad ? { source_addresses: ['0.0.0.0/0'] } : { source_load_balancer_uids: [ref('digitalocean_loadbalancer')] }) }],
        outbound_rule: [{ protocol: 'tcp', port_range: '443', destination_addresses: ['0.0.0.0/0'] }],
      },
    },
    digitalocean_loadbalancer: {
      [n]: {
        name: `${n}-lb`, region, vpc_uuid: '${digitalocean_vpc.main.id}', droplet_ids: [ref('digitalocean_droplet')], redirect_http_to_https: !bad,
        forwarding_rule: [{ entry_port: 443, entry_protocol: 'https', target_port: 8080, target_protocol: 'http', certificate_name: 'app-cert' }],
        healthcheck: { port: 8080, protocol: 'http', path: '/healthz', check_interval_seconds: 10, unhealthy_threshold: 3 },
      },
    },
    digitalocean_database_cluster: {
      [n]: { name: `${n}-db`, engine: 'pg', version: '16', size: 'db-s-1vcpu-2gb', region, node_count: bad ? 1 : 2, private_network_uuid: ref('digitalocean_vpc'), maintenance_window: { day: 'sunday', hour: '03:00:00' }, tags: ['pii'] },
    },
    digitalocean_database_firewall: { [n]: { cluster_id: ref('digitalocean_database_cluster'), rule: [{ type: 'k8s', value: '${digitalocean_kubernetes_cluster.main.id}' }] } },
    digitalocean_spaces_bucket: {
      [n]: { name: `${stack}-${n}-data`, region, acl: bad ? 'public-read' : 'private', versioning: { enabled: true }, lifecycle_rule: [{ enabled: true, expiration: { days: 30 }, noncurrent_version_expiration: { days: 1 } }] },
    },
    digitalocean_monitor_alert: {
      [`${n}_cpu`]: { type: 'v1/insights/droplet/cpu', compare: 'GreaterThan', value: 85, window: '5m', enabled: true, entities: [ref('digitalocean_droplet')], alerts: { email: ['ops@example.eu'] }, description: `${n} cpu` },
      [`${n}_db`]: { type: 'v1/dbaas/alerts/cpu_alerts', compare: 'GreaterThan', value: 85, window: '5m', enabled: !bad, entities: [ref('digitalocean_database_cluster')], alerts: { email: ['ops@example.eu'] }, description: `${n} db cpu` },
    },
    digitalocean_uptime_check: { [n]: { name: `${n}-uptime`, target: `https://${n}.example.eu/healthz`, type: 'https', regions: ['eu_west'], enabled: true } },
    digitalocean_uptime_alert: { [n]: { name: `${n}-down`, check_id: ref('digitalocean_uptime_check'), type: 'down', period: '2m', notifications: [{ email: ['ops@example.eu'] }] } },
    cloudflare_dns_record: { [n]: { zone_id: '${cloudflare_zone.main.id}', name: `${n}.example.eu`, type: 'A', content: '${digitalocean_loadbalancer.' + n + '.ip}', proxied: !bad, ttl: 1 } },
    digitalocean_volume: { [n]: { name: `${n}-data`, region, size: 50, initial_filesystem_type: 'ext4', tags: ['pii'] } },
    kubernetes_network_policy_v1: {
      [n]: { metadata: { name: `${n}-default-deny`, namespace: 'app' }, spec: { pod_selector: { match_labels: { app: n } }, policy_types: ['Ingress', 'Egress'], ingress: [{ from: [{ namespace_selector: { match_labels: { name: 'ingress' } } }] }] } },
    },
    kubernetes_deployment_v1: {
      [n]: {
        metadata: { name: `${n}-web`, namespace: 'app', labels: { app: n } },
        spec: {
          replicas: 2,
          selector: { match_labels: { app: n } },
          template: {
            metadata: { labels: { app: n } },
            spec: {
              container: [{ name: 'web', image: `registry.example.eu/web@sha256:${'a'.repeat(64)}`, resources: { limits: { cpu: '500m', memory: '512Mi' } }, security_context: { run_as_non_root: !bad, allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true } }],
            },
          },
        },
      },
    },
    kubernetes_service_v1: { [n]: { metadata: { name: `${n}-web`, namespace: 'app' }, spec: { selector: { app: n }, port: [{ port: 80, target_port: 8080 }], type: 'ClusterIP' } } },
    kubernetes_cron_job_v1: {
      [n]: { metadata: { name: `${n}-backup`, namespace: 'backup', labels: { 'app.kubernetes.io/component': 'backup' } }, spec: { schedule: '15 2 * * *', job_template: { spec: { template: { spec: { container: [{ name: 'backup', image: 'registry.example.eu/backup:1.0.0' }] } } } } } },
    },
    helm_release: { [n]: { name: `${n}-cache`, repository: 'oci://registry.example.eu/charts', chart: 'valkey', version: '2.1.0', namespace: 'app' } },
  };
}

function cloudFormationUnit(i: number): Record<string, Body> {
  const bad = i % 10 === 3;
  return {
    [`Key${i}`]: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: !bad, KeyPolicy: { Version: '2012-10-17', Statement: [] } } },
    [`Bucket${i}`]: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] } } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: !bad },
      },
    },
    [`Writer${i}`]: {
      Type: 'AWS::IAM::Role',
      Properties: { Policies: [{ PolicyName: 'write', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: { 'Fn::Sub': `\${Bucket${i}.Arn}/*` } }] } }] },
    },
  };
}

/** What every cdktf stack has once: network, cluster, host IDS, WAF and zone settings. */
function sharedResources(stackNumber: number): Record<string, Record<string, Body>> {
  const zone = '${cloudflare_zone.main.id}';
  const setting = (setting_id: string, value: unknown): Body => ({ zone_id: zone, setting_id, value });
  return {
    digitalocean_vpc: { main: { name: `vpc-${stackNumber}`, region: 'fra1', ip_range: `10.${stackNumber % 250}.${Math.floor(stackNumber / 250) * 16}.0/20` } },
    digitalocean_kubernetes_cluster: {
      main: { name: `k8s-${stackNumber}`, region: 'fra1', version: '1.31.1-do.0', vpc_uuid: '${digitalocean_vpc.main.id}', ha: true, auto_upgrade: true, surge_upgrade: true, maintenance_policy: { day: 'sunday', start_time: '03:00' }, node_pool: { name: 'default', size: 's-2vcpu-4gb', node_count: 2, auto_scale: true, min_nodes: 2, max_nodes: 5 } },
    },
    helm_release: { falco: { name: 'falco', repository: 'https://falcosecurity.github.io/charts', chart: 'falco', version: '4.8.0', namespace: 'falco', depends_on: ['digitalocean_kubernetes_cluster.main'] } },
    cloudflare_ruleset: {
      waf: { zone_id: zone, name: 'waf', kind: 'zone', phase: 'http_request_firewall_managed', rules: [{ action: 'execute', action_parameters: { id: 'efb7b8c949ac4650a09736fc376e9aee' }, expression: 'true', enabled: true }] },
      ratelimit: { zone_id: zone, name: 'login', kind: 'zone', phase: 'http_ratelimit', rules: [{ action: 'block', expression: '(http.request.uri.path eq "/login")', ratelimit: { characteristics: ['ip.src', 'cf.colo.id'], period: 60, requests_per_period: 10, mitigation_timeout: 600 }, enabled: true }] },
    },
    cloudflare_zone_setting: {
      ssl: setting('ssl', 'strict'),
      min_tls: setting('min_tls_version', '1.2'),
      https: setting('always_use_https', 'on'),
      tls13: setting('tls_1_3', 'on'),
    },
  };
}

function cdktfDoc(stack: string, stackNumber: number, units: number[]): Record<string, unknown> {
  const resource: Record<string, Record<string, Body>> = sharedResources(stackNumber);
  for (const i of units) {
    for (const [type, byName] of Object.entries(terraformUnit(i, stack))) Object.assign((resource[type] ??= {}), byName);
  }
  return {
    '//': { metadata: { stackName: stack, backend: 's3', version: '0.21.0' } },
    provider: { digitalocean: [{ token: '${var.do_token}' }], cloudflare: [{ api_token: '${var.cf_token}' }] },
    resource,
    terraform: { backend: { s3: { bucket: 'tfstate', key: `${stack}.tfstate`, region: 'eu-central-1', encrypt: true } } },
  };
}

/** Stacks holding `count` resources (rounded up to whole units of 20). */
export function generateStacks(count: number): GeneratedStack[] {
  const units = Math.ceil(count / UNIT_SIZE);
  const stacks: GeneratedStack[] = [];
  for (let first = 0; first < units; first += UNITS_PER_STACK) {
    const ids = Array.from({ length: Math.min(UNITS_PER_STACK, units - first) }, (_, k) => first + k);
    const suffix = String(first / UNITS_PER_STACK).padStart(4, '0');
    stacks.push({ kind: 'cdktf', name: `platform-${suffix}`, doc: cdktfDoc(`platform-${suffix}`, first / UNITS_PER_STACK, ids) });
    stacks.push({ kind: 'cloudformation', name: `Vault${suffix}`, doc: { Resources: Object.assign({}, ...ids.map(cloudFormationUnit)) } });
  }
  return stacks;
}
