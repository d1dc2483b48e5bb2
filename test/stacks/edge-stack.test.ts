/// <reference types="cdktf/lib/testing/adapters/jest" />
import { AuthenticatedOriginPullsSettings } from '@cdktf/provider-cloudflare/lib/authenticated-origin-pulls-settings';
import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { LogpushJob } from '@cdktf/provider-cloudflare/lib/logpush-job';
import { RegionalHostname } from '@cdktf/provider-cloudflare/lib/regional-hostname';
import { Ruleset } from '@cdktf/provider-cloudflare/lib/ruleset';
import { ZoneDnssec } from '@cdktf/provider-cloudflare/lib/zone-dnssec';
import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { Loadbalancer } from '@cdktf/provider-digitalocean/lib/loadbalancer';
import { Testing } from 'cdktf';
import ipaddr from 'ipaddr.js';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import type { KitConfig } from '../../config/schema';
import { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6, MAX_AGE_DAYS, RETRIEVED } from '../../constructs/cloudflare-ip-ranges';
import { EdgeStack } from '../../stacks/edge-stack';
import { buildCdktfApp } from '../../stacks/platform-app';
import { PlatformStack } from '../../stacks/platform-stack';

Testing.setupJest();

const config = loadConfig(DEFAULT_CONFIG);
const ZONE = { prod: 'fedcba9876543210fedcba9876543210', staging: '0123456789abcdef0123456789abcdef' };

/** Platform and edge stack of one environment in one app, so the LB IP crosses stacks as in the real app. */
function synthEnvironment(envName: string) {
  const { edgeJson, edge, platformStack } = synthEdge(envName);
  const platformJson = Testing.synth(platformStack);
  return { edgeJson, edge, platformJson, platform: JSON.parse(platformJson) };
}

/** The edge stack alone synthesized (the platform stack built and prepared beside it, as the reference needs). */
function synthEdge(envName: string) {
  const env = config.environments.find((e) => e.name === envName)!;
  const app = Testing.app();
  const common = { project: config.project, state: config.state, processEnv: {} };
  const platform = new PlatformStack(app, `platform-${env.name}`, { ...common, env });
  const edge = new EdgeStack(app, `edge-${env.name}`, { ...common, env, originIpv4: platform.originLoadBalancer!.ipv4 });
  // What app.synth() does first: resolving the edge stack wires the cross-stack reference.
  [platform, edge].forEach((stack) => stack.prepareStack());
  const edgeJson = Testing.synth(edge);
  return { edgeJson, edge: JSON.parse(edgeJson), platformStack: platform };
}

const all = (doc: any, type: string): any[] => Object.values(doc.resource[type] ?? {});
const rulesetIn = (doc: any, phase: string): any => all(doc, 'cloudflare_ruleset').find((r) => r.phase === phase);

describe('edge-prod', () => {
  const { edgeJson, edge, platformJson, platform } = synthEnvironment('prod');

  it('matches the reviewed snapshot', () => {
    expect(edge).toMatchSnapshot();
  });

  it('hardens TLS: strict origin TLS, TLS >= 1.2, TLS 1.3, HTTPS only, HTTPS rewrites', () => {
    for (const [settingId, value] of Object.entries({ ssl: 'strict', min_tls_version: '1.2', tls_1_3: 'on', always_use_https: 'on', automatic_https_rewrites: 'on' })) {
      expect(edgeJson).toHaveResourceWithProperties(ZoneSetting, { zone_id: ZONE.prod, setting_id: settingId, value });
    }
  });

  it('sends HSTS for a year with subdomains, preloaded as configured', () => {
    expect(edgeJson).toHaveResourceWithProperties(ZoneSetting, {
      setting_id: 'security_header',
      value: { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: true, nosniff: true } },
    });
  });

  it('signs the zone with DNSSEC and turns on Authenticated Origin Pulls', () => {
    expect(edgeJson).toHaveResourceWithProperties(ZoneDnssec, { zone_id: ZONE.prod, status: 'active' });
    expect(edgeJson).toHaveResourceWithProperties(AuthenticatedOriginPullsSettings, { zone_id: ZONE.prod, enabled: true });
  });

  it('executes the Cloudflare Managed and OWASP Core rulesets on all traffic', () => {
    expect(edgeJson).toHaveResourceWithProperties(Ruleset, {
      zone_id: ZONE.prod,
      kind: 'zone',
      phase: 'http_request_firewall_managed',
      rules: [
        expect.objectContaining({ action: 'execute', expression: 'true', enabled: true, action_parameters: { id: 'efb7b8c949ac4650a09736fc376e9aee' } }),
        expect.objectContaining({ action: 'execute', expression: 'true', enabled: true, action_parameters: { id: '4814384a9e5d4991b9815dcfc25d2f1f' } }),
      ],
    });
  });

  it('blocks the configured paths case-insensitively in the custom ruleset', () => {
    const custom = rulesetIn(edge, 'http_request_firewall_custom');
    expect(custom).toMatchObject({ zone_id: ZONE.prod, kind: 'zone' });
    expect(custom.rules).toEqual([
      expect.objectContaining({
        action: 'block',
        enabled: true,
        expression: '(starts_with(lower(http.request.uri.path), "/wp-admin")) or (starts_with(lower(http.request.uri.path), "/.env"))',
      }),
    ]);
  });

  it('rate-limits every login/auth path with the configured thresholds and blocks offenders', () => {
    const [rule] = rulesetIn(edge, 'http_ratelimit').rules;
    expect(rule).toMatchObject({
      action: 'block',
      enabled: true,
      ratelimit: { characteristics: ['cf.colo.id', 'ip.src'], period: 60, requests_per_period: 10, mitigation_timeout: 600 },
    });
    for (const path of ['/login', '/api/auth', '/api/token']) expect(rule.expression).toContain(`starts_with(http.request.uri.path, "${path}")`);
  });

  it('proxies every hostname to the origin load balancer and pins each to the EU region', () => {
    const records = all(edge, 'cloudflare_dns_record');
    expect(records.map((r) => r.name).sort()).toEqual(['acme-app.eu', 'api.acme-app.eu', 'app.acme-app.eu']);
    for (const r of records) {
      expect(r).toMatchObject({ zone_id: ZONE.prod, type: 'A', proxied: true, ttl: 1 });
      expect(r.content).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-platform-prod\.outputs\..*origin_lb.*ip\}$/);
      expect(edgeJson).toHaveResourceWithProperties(RegionalHostname, { zone_id: ZONE.prod, hostname: r.name, region_key: 'eu' });
    }
    expect(Object.values<any>(platform.output)).toEqual([expect.objectContaining({ value: expect.stringMatching(/^\$\{digitalocean_loadbalancer\.origin_lb_.*\.ip\}$/) })]);
    expect(edgeJson).toHaveResource(DnsRecord);
  });

  it('pushes HTTP request and firewall logs to the EU logs bucket with keys from sensitive variables', () => {
    const jobs = all(edge, 'cloudflare_logpush_job');
    expect(jobs.map((j) => j.dataset).sort()).toEqual(['firewall_events', 'http_requests']);
    for (const job of jobs) {
      expect(job).toMatchObject({ zone_id: ZONE.prod, enabled: true });
      expect(job.destination_conf).toBe(
        `s3://acme-prod-logs/cloudflare/${job.dataset}/{DATE}?region=fra1&endpoint=fra1.digitaloceanspaces.com` +
          '&access-key-id=${urlencode(var.logpush_spaces_access_key_id)}&secret-access-key=${urlencode(var.logpush_spaces_secret_access_key)}',
      );
    }
    expect(edge.variable).toEqual({
      logpush_spaces_access_key_id: expect.objectContaining({ sensitive: true, type: 'string' }),
      logpush_spaces_secret_access_key: expect.objectContaining({ sensitive: true, type: 'string' }),
    });
    expect(edgeJson).toHaveResource(LogpushJob);
  });

  it('carries no credentials: the provider reads CLOUDFLARE_API_TOKEN from the environment', () => {
    expect(edge.provider.cloudflare).toEqual([{}]);
    expect(edgeJson).not.toMatch(/api_token|"api_key"|"email"/);
  });

  it('keeps its state encrypted on Spaces in fra1 and reads the platform state from there', () => {
    expect(edge.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate', key: 'edge-prod/terraform.tfstate', region: 'fra1', encrypt: true, use_lockfile: true });
    expect(Object.values<any>(edge.data.terraform_remote_state)).toEqual([
      expect.objectContaining({ backend: 's3', config: expect.objectContaining({ key: 'platform-prod/terraform.tfstate', encrypt: true }) }),
    ]);
  });

  describe('origin lock in platform-prod', () => {
    const [lb] = all(platform, 'digitalocean_loadbalancer');

    it('puts a load balancer in the VPC in front of the worker nodes, TLS passed through on 443, HTTP redirected', () => {
      expect(platformJson).toHaveResourceWithProperties(Loadbalancer, {
        name: 'acme-prod-origin',
        region: 'fra1',
        droplet_tag: 'acme-prod-node',
        redirect_http_to_https: true,
        forwarding_rule: [{ entry_port: 443, entry_protocol: 'https', target_port: 30443, target_protocol: 'https', tls_passthrough: true }],
      });
      expect(lb.vpc_uuid).toMatch(/^\$\{digitalocean_vpc\.network_vpc_.*\.id\}$/);
    });

    it('takes a dead node out within a minute', () => {
      expect(lb.healthcheck.check_interval_seconds * lb.healthcheck.unhealthy_threshold).toBeLessThanOrEqual(60);
      expect(lb.healthcheck).toMatchObject({ protocol: 'tcp', port: 30443 });
    });

    it('admits exactly the published Cloudflare IPv4 ranges', () => {
      expect(lb.firewall.allow).toEqual(CLOUDFLARE_IPV4.map((c) => `cidr:${c}`));
      expect(lb.firewall.deny).toBeUndefined();
    });

    it('has no DigitalOcean firewall rule open to 0.0.0.0/0 or ::/0 inbound', () => {
      const sources = all(platform, 'digitalocean_firewall').flatMap((fw) => fw.inbound_rule.flatMap((r: any) => r.source_addresses ?? []));
      const lbSources = lb.firewall.allow.map((a: string) => a.replace(/^cidr:/, ''));
      for (const cidr of [...sources, ...lbSources]) expect(ipaddr.parseCIDR(cidr)[1]).toBeGreaterThan(0);
      expect(sources.length + lbSources.length).toBeGreaterThan(CLOUDFLARE_IPV4.length);
    });
  });
});

describe('edge-staging', () => {
  // Only the edge stack is read here.
  const { edgeJson, edge } = synthEdge('staging');

  it('matches the reviewed snapshot', () => {
    expect(edge).toMatchSnapshot();
  });

  it('applies the secure defaults: HSTS without preload, default rate limit, empty custom ruleset owned by Terraform', () => {
    expect(edgeJson).toHaveResourceWithProperties(ZoneSetting, {
      zone_id: ZONE.staging,
      setting_id: 'security_header',
      value: { strict_transport_security: expect.objectContaining({ max_age: 31536000, include_subdomains: true, preload: false }) },
    });
    expect(rulesetIn(edge, 'http_request_firewall_custom').rules).toEqual([]);
    expect(rulesetIn(edge, 'http_ratelimit').rules[0].ratelimit).toMatchObject({ period: 60, requests_per_period: 10, mitigation_timeout: 600 });
    expect(all(edge, 'cloudflare_regional_hostname').map((r) => r.hostname).sort()).toEqual(['api.staging.acme-app.eu', 'staging.acme-app.eu']);
  });
});

describe('the cdktf app', () => {
  it('adds an edge stack, and an origin load balancer, only to environments with an edge section', () => {
    const noEdge: KitConfig = { ...config, environments: config.environments.map((e) => (e.name === 'staging' ? { ...e, edge: undefined } : e)) };
    // Without the workloads stacks, which no edge or platform stack refers to.
    const built = buildCdktfApp(noEdge, { processEnv: {}, workloads: false });
    expect(built.edge.map((s) => s.node.id)).toEqual(['edge-prod']);
    expect(built.platform.map((s) => [s.node.id, s.originLoadBalancer !== undefined])).toEqual([
      ['platform-staging', false],
      ['platform-prod', true],
    ]);
  });
});

describe('Cloudflare IP ranges data (constructs/cloudflare-ip-ranges.ts)', () => {
  it(`was taken from cloudflare.com/ips within the last ${MAX_AGE_DAYS} days`, () => {
    const taken = Date.parse(`${RETRIEVED}T00:00:00Z`);
    expect(Number.isNaN(taken)).toBe(false);
    const ageDays = Math.floor((Date.now() - taken) / 86_400_000);
    if (ageDays > MAX_AGE_DAYS) {
      throw new Error(
        `The Cloudflare IP ranges were retrieved on ${RETRIEVED}, ${ageDays} days ago (limit ${MAX_AGE_DAYS}). ` +
          'Refresh CLOUDFLARE_IPV4/CLOUDFLARE_IPV6 from https://www.cloudflare.com/ips-v4 and /ips-v6 and set RETRIEVED to today.',
      );
    }
    expect(ageDays).toBeGreaterThanOrEqual(0);
  });

  it('holds only distinct, real ranges of the right address family', () => {
    for (const [list, kind] of [[CLOUDFLARE_IPV4, 'ipv4'], [CLOUDFLARE_IPV6, 'ipv6']] as const) {
      expect(new Set(list).size).toBe(list.length);
      for (const cidr of list) {
        const [addr, bits] = ipaddr.parseCIDR(cidr);
        expect([cidr, addr.kind()]).toEqual([cidr, kind]);
        expect(bits).toBeGreaterThanOrEqual(kind === 'ipv4' ? 12 : 29);
      }
    }
  });
});
