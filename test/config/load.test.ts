import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, DEFAULT_CONFIG, configPathFrom, loadConfig } from '../../config/load';
import { example, problems } from './problems';


describe('the shipped example', () => {
  it('is valid, with a staging and a prod environment', () => {
    const cfg = loadConfig(DEFAULT_CONFIG);
    expect(cfg.environments.map((e) => `${e.name}:${e.stage}`)).toEqual(['staging:staging', 'prod:prod']);
  });

  it('fills the secure defaults', () => {
    const prod = loadConfig(DEFAULT_CONFIG).environments[1];
    expect(prod.backup.retentionDays).toBe(14);
    expect(prod.edge?.euRegionalHostnames).toBe(true);
    expect(prod.edge?.minTlsVersion).toBe('1.2');
  });
});

describe('bad input: every problem named with field, value and what is allowed', () => {
  const cases: Array<[string, (cfg: any) => void, RegExp]> = [
    ['non-EU region', (c) => (c.environments[0].region = 'lon1'), /^environments\[0\]\.region: "lon1" must be an EU DigitalOcean region: one of fra1, ams3, ams2/],
    ['US region', (c) => (c.environments[1].secondaryRegion = 'nyc3'), /^environments\[1\]\.secondaryRegion: "nyc3" must be an EU DigitalOcean region/],
    ['same primary and secondary region', (c) => (c.environments[0].secondaryRegion = 'fra1'), /^environments\[0\]\.secondaryRegion: "fra1" must differ from region "fra1"/],
    ['retention of 7 days', (c) => (c.environments[0].backup.retentionDays = 7), /^environments\[0\]\.backup\.retentionDays: 7 must be at least 14 days/],
    ['world-open admin CIDR (IPv4)', (c) => (c.environments[0].network.adminCidrs = ['0.0.0.0/0']), /^environments\[0\]\.network\.adminCidrs\[0\]: "0\.0\.0\.0\/0" must not be the whole internet/],
    ['world-open admin CIDR (IPv6)', (c) => c.environments[1].network.adminCidrs.push('::/0'), /^environments\[1\]\.network\.adminCidrs\[2\]: "::\/0" must not be the whole internet/],
    ['malformed CIDR', (c) => (c.environments[0].network.adminCidrs = ['10.0.0.300/8']), /adminCidrs\[0\]: "10\.0\.0\.300\/8" must be a CIDR/],
    ['plain-http webhook', (c) => (c.environments[0].alerting.webhookUrl = 'http://alerts.example.eu/hook'), /^environments\[0\]\.alerting\.webhookUrl: "http:\/\/alerts\.example\.eu\/hook" must be an https:\/\/ URL/],
    ['unknown key', (c) => (c.environments[0].kubernets = {}), /^environments\[0\]: unknown key "kubernets"/],
    ['unknown top-level key', (c) => (c.region = 'fra1'), /^\(top level\): unknown key "region"/],
    ['wrong type', (c) => (c.environments[0].kubernetes.minNodes = 'two'), /^environments\[0\]\.kubernetes\.minNodes: "two" is not a number/],
    ['missing field', (c) => delete c.environments[0].domain, /^environments\[0\]\.domain: is required/],
    ['unknown stage', (c) => (c.environments[0].stage = 'qa'), /^environments\[0\]\.stage: "qa" must be one of dev, staging, prod/],
    ['engine other than pg', (c) => (c.environments[0].database.engine = 'mysql'), /database\.engine: "mysql" must be "pg"/],
    ['single database node in prod', (c) => (c.environments[1].database.nodes = 1), /^environments\[1\]\.database\.nodes: 1 must be at least 2 in prod/],
    ['single worker node in prod', (c) => (c.environments[1].kubernetes.minNodes = 1), /^environments\[1\]\.kubernetes\.minNodes: 1 must be at least 2 in prod/],
    ['overlapping VPCs across environments', (c) => (c.environments[0].network.vpcCidr = '10.10.0.0/16'), /^environments\[1\]\.network\.vpcCidr: "10\.10\.0\.0\/20" overlaps 10\.10\.0\.0\/16 of environment "staging"/],
    ['public VPC range', (c) => (c.environments[0].network.vpcCidr = '8.8.0.0/16'), /vpcCidr: "8\.8\.0\.0\/16" must be a private IPv4 range/],
    ['duplicate environment names', (c) => (c.environments[1].name = 'staging'), /^environments\[1\]\.name: "staging" must be unique/],
    ['TLS 1.0 at the edge', (c) => (c.environments[0].edge.minTlsVersion = '1.0'), /edge\.minTlsVersion: "1\.0" must be "1\.2" or "1\.3"/],
    ['hostname outside the domain', (c) => c.environments[0].edge.hostnames.push('evil.example.com'), /edge\.hostnames\[2\]: "evil\.example\.com" must be "staging\.acme-app\.eu" or a name below it/],
    ['HSTS shorter than six months', (c) => (c.environments[1].edge.hsts.maxAgeSeconds = 86400), /hsts\.maxAgeSeconds: 86400 must be at least 15552000/],
    ['bad cron schedule', (c) => (c.environments[0].backup.schedule = 'daily'), /backup\.schedule: "daily" must be a five-field cron expression/],
    ['rate-limit period Cloudflare does not offer', (c) => (c.environments[0].edge.rateLimit.periodSeconds = 30), /rateLimit\.periodSeconds: 30 must be one of 10, 60, 120, 300, 600, 3600/],
    ['origin node port outside the NodePort range', (c) => (c.environments[1].edge.originNodePort = 443), /edge\.originNodePort: 443 must be a Kubernetes NodePort between 30000 and 32767/],
    ['Logpush bucket that is not a storage bucket', (c) => (c.environments[1].edge.logBucket = 'audit'), /^environments\[1\]\.edge\.logBucket: "audit" must name one of storage\.buckets \(uploads, logs\)/],
    ['no environments', (c) => (c.environments = []), /^environments: \[\] must define at least one environment/],
    ['s3 state without a bucket', (c) => delete c.state.bucket, /^state\.bucket: is required when state\.backend is "s3"/],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => {
    const found = problems(mutate);
    if (!found.some((p) => expected.test(p))) throw new Error(`no problem matched ${expected}; got:\n${found.join('\n')}`);
  });

  it('reports every problem at once', () => {
    const found = problems((c) => {
      c.environments[0].region = 'lon1';
      c.environments[0].backup.retentionDays = 7;
      c.environments[0].network.adminCidrs = ['0.0.0.0/0'];
      c.environments[0].alerting.webhookUrl = 'http://x.example.eu';
    });
    expect(found).toHaveLength(4);
  });
});

describe('reading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tom-config-'));

  it('names a missing file', () => {
    expect(() => loadConfig(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml:\n  - file not found/);
  });

  it('names the line and column of malformed YAML', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'project: acme\nenvironments:\n  - name: [unclosed\n');
    expect(() => loadConfig(file)).toThrow(/YAML syntax error at line \d+, column \d+/);
  });

  it('refuses duplicate keys instead of silently taking the last', () => {
    const file = join(dir, 'dup.yaml');
    writeFileSync(file, 'project: acme\nproject: other\nenvironments: []\n');
    expect(() => loadConfig(file)).toThrow(/YAML syntax error/);
  });

  it('accepts a valid file written elsewhere', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, stringify(example()));
    expect(loadConfig(file).project).toBe('acme');
  });
});

describe('choosing the config file', () => {
  it('prefers --config, then TOM_CONFIG, then the example', () => {
    expect(configPathFrom(['--config', 'a.yaml'], { TOM_CONFIG: 'b.yaml' })).toBe('a.yaml');
    expect(configPathFrom(['--config=c.yaml'], {})).toBe('c.yaml');
    expect(configPathFrom([], { TOM_CONFIG: 'b.yaml' })).toBe('b.yaml');
    expect(configPathFrom([], {})).toBe(DEFAULT_CONFIG);
  });

  it('refuses --config without a file', () => {
    expect(() => configPathFrom(['--config'], {})).toThrow(ConfigError);
  });
});
