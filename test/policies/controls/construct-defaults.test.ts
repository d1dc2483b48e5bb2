/**
 * One fact, one place: each construct builds from a fact in data/ and a
 * check audits against the same fact. These tests synthesize the construct
 * (with its defaults, and at the bounds the config schema allows), read the
 * output with the audit's own reader and run the control built from the same
 * fact through the engine: the construct's output must pass. A fact changed on
 * one side only fails here.
 */
import { App, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { Droplet } from '@cdktf/provider-digitalocean/lib/droplet';
import { TerraformStack, Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadRotateConfig } from '../../../backup/config';
import { DEFAULT_CONFIG, parseConfig } from '../../../config/load';
import { BackupVault } from '../../../constructs/backup-vault';
import { EdgeLogpush } from '../../../constructs/edge-logpush';
import { PrivateBucket } from '../../../constructs/private-bucket';
import { renderHostIdsCloudConfig } from '../../../constructs/host-ids-cloud-config';
import { NetworkBoundary } from '../../../constructs/network-boundary';
import { WafZone } from '../../../constructs/waf-zone';
import { ZoneTls } from '../../../constructs/zone-tls';
import { MIN_TLS_VERSIONS } from '../../../data/cloudflare';
import { DIGITALOCEAN_EU_REGIONS } from '../../../data/regions';
import { DEFAULT_NONCURRENT_VERSION_DAYS, MAX_BACKUP_RETENTION_DAYS, MAX_COPY_LIFETIME_DAYS, MIN_BACKUP_RETENTION_DAYS, OFFBOARDING_DAYS } from '../../../data/retention';
import { CONTROLS } from '../../../policies/catalog';
import { s3LifecycleExpiry } from '../../../policies/checks/aws/s3-lifecycle-expiry';
import { s3ObjectLock } from '../../../policies/checks/aws/s3-object-lock';
import { backupRetention } from '../../../policies/checks/backup/backup-retention';
import { logpushEuDestination } from '../../../policies/checks/cloudflare/logpush-eu-destination';
import { zoneLogpushDatasets } from '../../../policies/checks/cloudflare/zone-logpush-datasets';
import { zoneHsts } from '../../../policies/checks/cloudflare/zone-hsts';
import { zoneMinTlsVersion } from '../../../policies/checks/cloudflare/zone-min-tls-version';
import { zoneWafManagedRulesets } from '../../../policies/checks/cloudflare/zone-waf-managed-rulesets';
import { firewallEgressRestricted } from '../../../policies/checks/digitalocean/firewall-egress-restricted';
import { hostIdsInstalled } from '../../../policies/checks/monitoring/host-ids-installed';
import { bucketCopyLifetime } from '../../../policies/checks/digitalocean/bucket-copy-lifetime';
import { bucketRetentionCeiling } from '../../../policies/checks/digitalocean/bucket-retention-ceiling';
import { coveredAnnexIds, evaluateControl } from '../../../policies/engine';
import { buildIndex } from '../../../policies/inventory-index';
import { readDocument } from '../../../policies/readers/detect';
import type { Control, Finding } from '../../../policies/types';
import { BACKUP_FIXTURES } from './fixtures/backup';
import { evaluate, type FixtureResource } from './harness';

const ZONE = '0123456789abcdef0123456789abcdef';

/** The catalogue's control whose check is `check`: the test follows the function, not an id. */
function controlOf(check: unknown): Control {
  const found = CONTROLS.filter((c) => 'check' in c && c.check === check);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Reads one synthesized document as the audit does and evaluates one control on it. */
function audit(doc: unknown, check: unknown): Finding[] {
  const read = readDocument(doc, { source: 'construct.json', file: '/nonexistent/construct.json', cloudformation: { region: 'eu-central-1' } });
  if (!read) throw new Error('the audit did not recognise the synthesized document');
  const index = buildIndex({ resources: read.resources, stacks: [read.stack] });
  return evaluateControl(controlOf(check), index, { covered: coveredAnnexIds(CONTROLS) });
}

/** Every finding passes, and there is at least one (a control that did not apply proves nothing). */
function expectAllPass(findings: Finding[]): void {
  expect(findings.length).toBeGreaterThan(0);
  expect(findings.filter((f) => f.status !== 'pass').map((f) => `${f.address}: ${f.status} ${f.reason ?? ''}`)).toEqual([]);
}

function synthTerraform(build: (stack: TerraformStack) => void): unknown {
  const stack = new TerraformStack(Testing.app(), 'construct-prod');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe('Cloudflare constructs pass the checks built from data/cloudflare.ts', () => {
  it('WafZone with its defaults executes every managed ruleset the WAF control requires', () => {
    const doc = synthTerraform((s) => new WafZone(s, 'waf', { zoneId: ZONE, name: 'acme-prod' }));
    expectAllPass(audit(doc, zoneWafManagedRulesets));
  });

  it('EdgeLogpush with its defaults pushes every dataset the Logpush control requires', () => {
    const doc = synthTerraform((s) => new EdgeLogpush(s, 'logpush', { zoneId: ZONE, name: 'acme-prod', bucket: 'acme-prod-logs', region: 'fra1' }));
    expectAllPass(audit(doc, zoneLogpushDatasets));
  });

  it('ZoneTls with its defaults sends HSTS for at least the minimum max-age the HSTS control requires', () => {
    const doc = synthTerraform((s) => new ZoneTls(s, 'tls', { zoneId: ZONE }));
    expectAllPass(audit(doc, zoneHsts));
    expectAllPass(audit(doc, zoneMinTlsVersion));
  });

  it.each(MIN_TLS_VERSIONS)('ZoneTls with minimum TLS %s (a version the construct accepts) passes the TLS control', (minTlsVersion) => {
    const doc = synthTerraform((s) => new ZoneTls(s, 'tls', { zoneId: ZONE, minTlsVersion }));
    expectAllPass(audit(doc, zoneMinTlsVersion));
  });

  it.each(DIGITALOCEAN_EU_REGIONS)('EdgeLogpush into a bucket in %s (an EU region the config accepts) passes the EU destination control', (region) => {
    const doc = synthTerraform((s) => new EdgeLogpush(s, 'logpush', { zoneId: ZONE, name: 'acme-prod', bucket: 'acme-prod-logs', region }));
    expectAllPass(audit(doc, logpushEuDestination));
  });
});

describe('NetworkBoundary passes the egress control built from data/digitalocean.ts', () => {
  it('a firewall with the default egress allow-list reaches the internet only where the control allows', () => {
    const doc = synthTerraform((s) => {
      const boundary = new NetworkBoundary(s, 'network', { name: 'acme-prod', region: 'fra1', ipRange: '10.10.0.0/16' });
      boundary.addFirewall('workers', 'acme-prod-workers', { targetTags: ['k8s'], inbound: [{ protocol: 'tcp', ports: '443', from: { cidrs: ['10.10.0.0/16'] } }] });
    });
    expectAllPass(audit(doc, firewallEgressRestricted));
  });
});

describe('the host-IDS cloud-config passes the control built from data/host-ids.ts', () => {
  it('a Droplet booted with the rendered cloud-config installs every package the control requires', () => {
    const userData = renderHostIdsCloudConfig({
      hostname: 'acme-prod-bastion',
      alertWebhookUrl: 'https://alerts.acme-app.eu/hooks/prod',
      admins: [{ name: 'alice', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0v1kZ8qJbV9bq2xJp6Vq9o0y3cXyWkQyq8T2nT4aB alice@acme' }],
    });
    const doc = synthTerraform((s) => new Droplet(s, 'bastion', { name: 'acme-prod-bastion', image: 'ubuntu-24-04-x64', size: 's-1vcpu-1gb', region: 'fra1', userData }));
    expectAllPass(audit(doc, hostIdsInstalled));
  });
});

describe('PrivateBucket passes the deletion controls built from data/retention.ts', () => {
  const bucket = (props: { expireAfterDays?: number; noncurrentVersionExpireDays?: number }): unknown =>
    synthTerraform((s) => new PrivateBucket(s, 'bucket', { name: 'acme-prod-data', region: 'fra1', ...props }));

  it.each([
    ['defaults (live data: offboarding rule, default noncurrent days)', {}],
    ['the longest noncurrent days the config accepts for live data', { noncurrentVersionExpireDays: MAX_COPY_LIFETIME_DAYS - OFFBOARDING_DAYS }],
    ['the longest expiry the config accepts with the default noncurrent days', { expireAfterDays: MAX_COPY_LIFETIME_DAYS - DEFAULT_NONCURRENT_VERSION_DAYS }],
  ])('%s', (_name, props) => {
    expect(() => parseConfig(configWithBucket(props))).not.toThrow();
    const doc = bucket(props);
    expectAllPass(audit(doc, bucketCopyLifetime));
    expectAllPass(audit(doc, bucketRetentionCeiling));
  });

  it('the config refuses one day more than the copy-lifetime control allows, naming the field and the sum', () => {
    const props = { noncurrentVersionExpireDays: MAX_COPY_LIFETIME_DAYS - OFFBOARDING_DAYS, expireAfterDays: OFFBOARDING_DAYS + 1 };
    expect(() => parseConfig(configWithBucket(props))).toThrow(/noncurrentVersionExpireDays.*expireAfterDays 31 \+ noncurrentVersionExpireDays 365 = 396; a copy may live at most 395 days/s);
    const findings = audit(bucket(props), bucketCopyLifetime);
    expect(findings.map((f) => f.status)).toEqual(['fail']);
  });
});

describe('BackupVault passes the vault controls built from data/retention.ts', () => {
  const vault = (retentionDays?: number): unknown => {
    // The audit's own checks are the point here; CDK's template schema check (a WebAssembly engine, seconds per synth) is not.
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'backup-vault-prod', { env: { region: 'eu-central-1' } });
    new BackupVault(stack, 'Vault', { retentionDays });
    return Template.fromStack(stack).toJSON();
  };

  it.each([
    ['defaults', undefined],
    ['the shortest retention', MIN_BACKUP_RETENTION_DAYS],
    ['the longest retention the config and the runner accept', MAX_BACKUP_RETENTION_DAYS],
  ])('%s', (_name, retentionDays) => {
    const doc = vault(retentionDays);
    expectAllPass(audit(doc, s3ObjectLock).filter((f) => f.status !== 'not-applicable'));
    expectAllPass(audit(doc, s3LifecycleExpiry).filter((f) => f.status !== 'not-applicable'));
  });

  it('refuses a retention one day above the shared ceiling', () => {
    expect(() => vault(MAX_BACKUP_RETENTION_DAYS + 1)).toThrow(new RegExp(`retentionDays is ${MAX_BACKUP_RETENTION_DAYS + 1}`));
  });
});

describe('the config schema, the backup runner and TOM-BAK-02 accept the same retention (data/retention.ts)', () => {
  const accepts = (run: () => unknown): boolean => {
    try {
      run();
      return true;
    } catch {
      return false;
    }
  };
  /** The compliant fixture's backup CronJob with BACKUP_RETENTION_DAYS set to `days`. */
  const jobKeeping = (days: number): FixtureResource => {
    const base = BACKUP_FIXTURES['TOM-BAK-02'].compliant.resources.find((r) => r.name === 'thirty_days');
    if (!base) throw new Error('fixture thirty_days is gone');
    const copy = structuredClone(base) as FixtureResource;
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.name === 'BACKUP_RETENTION_DAYS') o.value = String(days);
        Object.values(o).forEach(visit);
      }
    };
    visit(copy.values);
    return copy;
  };

  it.each([MIN_BACKUP_RETENTION_DAYS - 1, MIN_BACKUP_RETENTION_DAYS, MAX_BACKUP_RETENTION_DAYS, MAX_BACKUP_RETENTION_DAYS + 1])('%i days', (days) => {
    const config = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
    config.environments[0].backup.retentionDays = days;
    const job = jobKeeping(days);
    const findings = evaluate(controlOf(backupRetention), { resources: [job] }).filter((f) => f.address === `${job.type}.${job.name}`);
    expect(findings).toHaveLength(1);
    const inBounds = days >= MIN_BACKUP_RETENTION_DAYS && days <= MAX_BACKUP_RETENTION_DAYS;
    expect({
      schema: accepts(() => parseConfig(config)),
      runner: accepts(() => loadRotateConfig({ BACKUP_BUCKET: 'eu-backups', AWS_REGION: 'eu-central-1', BACKUP_RETENTION_DAYS: String(days) })),
      check: findings[0].status === 'pass',
    }).toEqual({ schema: inBounds, runner: inBounds, check: inBounds });
  });
});

/** The example config with one more bucket in the first environment: the schema's bounds are what a user can reach. */
function configWithBucket(bucket: { expireAfterDays?: number; noncurrentVersionExpireDays?: number }): unknown {
  const config = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
  config.environments[0].storage.buckets.push({ name: 'data', ...bucket });
  return config;
}
