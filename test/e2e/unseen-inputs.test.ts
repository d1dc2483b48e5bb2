/**
 * The audit on infrastructure the kit did not write: hand-written Terraform
 * JSON (as HCL users or CDK Terrain emit it), a `terraform show -json` plan
 * with nested modules, and a CloudFormation template from another region.
 * Every violating resource must be found, by the control that owns it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditPathsAsync } from '../../policies/gate';
import type { AuditResult } from '../../policies/types';

const dir = mkdtempSync(join(tmpdir(), 'tom-unseen-'));
const write = (path: string, doc: unknown) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), JSON.stringify(doc, null, 2));
};

// A token-shaped literal, built at run time so no such string sits in the source.
const token = `dop_v1_${'0123456789abcdef'.repeat(4)}`;

write('hcl/main.tf.json', {
  provider: { digitalocean: { token } },
  resource: {
    digitalocean_spaces_bucket: { public: { name: 'acme-public', region: 'nyc3', acl: 'public-read' } },
    digitalocean_droplet: { web: { name: 'web', region: 'lon1', size: 's-1vcpu-1gb', image: 'debian-12-x64' } },
    digitalocean_firewall: {
      open: {
        name: 'open',
        droplet_ids: ['${digitalocean_droplet.web.id}'],
        inbound_rule: [{ protocol: 'tcp', port_range: '22', source_addresses: ['0.0.0.0/0', '::/0'] }],
      },
    },
    digitalocean_loadbalancer: {
      http: {
        name: 'http',
        region: 'fra1',
        redirect_http_to_https: false,
        forwarding_rule: [{ entry_port: 80, entry_protocol: 'http', target_port: 80, target_protocol: 'http' }],
      },
    },
  },
});

write('plan/plan.json', {
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: {
    root_module: {
      child_modules: [
        {
          address: 'module.data',
          resources: [
            {
              address: 'module.data.digitalocean_database_cluster.main',
              mode: 'managed',
              type: 'digitalocean_database_cluster',
              name: 'main',
              provider_name: 'registry.terraform.io/digitalocean/digitalocean',
              values: { name: 'main', engine: 'pg', version: '17', region: 'nyc1', size: 'db-s-1vcpu-1gb', node_count: 1, maintenance_window: [] },
            },
          ],
        },
        {
          address: 'module.k8s',
          resources: [
            {
              address: 'module.k8s.digitalocean_kubernetes_cluster.main',
              mode: 'managed',
              type: 'digitalocean_kubernetes_cluster',
              name: 'main',
              provider_name: 'registry.terraform.io/digitalocean/digitalocean',
              values: { name: 'k8s', region: 'fra1', version: '1.33.1-do.0', auto_upgrade: false, surge_upgrade: false, maintenance_policy: [], node_pool: [{ name: 'p', size: 's-2vcpu-4gb', node_count: 1 }] },
            },
          ],
        },
      ],
    },
  },
  configuration: { root_module: {} },
});

write('cfn/legacy-backups.template.json', {
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } },
    Backups: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'legacy-backups' } },
  },
});
write('cfn/manifest.json', {
  version: '36.0.0',
  artifacts: { 'legacy-backups': { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile: 'legacy-backups.template.json' } } },
});

let result: AuditResult;
let failed: Set<string>;
beforeAll(async () => {
  // The legacy bucket is named as the backup vault, so it gets the vault controls (customer-managed key).
  result = await auditPathsAsync({ paths: [dir], cloudformation: { vaultBuckets: ['legacy-backups'] } });
  failed = new Set(result.findings.filter((f) => f.status === 'fail').map((f) => `${f.controlId} ${f.address}`));
});

describe('audit of unseen non-compliant inputs', () => {
  it('reads all three formats', () => {
    // Hand-written Terraform JSON is a Terraform module now (read with its variables), not cdktf output.
    expect(new Set(result.stacks.map((s) => s.format))).toEqual(new Set(['terraform', 'terraform-plan', 'cloudformation']));
    expect(result.summary.compliant).toBe(false);
  });

  it.each([
    // Terraform JSON
    ['TOM-RES-01', 'digitalocean_spaces_bucket.public'],
    ['TOM-IAM-02', 'digitalocean_spaces_bucket.public'],
    ['TOM-AVL-07', 'digitalocean_spaces_bucket.public'],
    ['TOM-RES-01', 'digitalocean_droplet.web'],
    ['TOM-IAM-01', 'digitalocean_droplet.web'],
    ['TOM-NET-02', 'digitalocean_firewall.open'],
    ['TOM-ENC-01', 'digitalocean_loadbalancer.http'],
    ['TOM-SEC-01', 'provider.digitalocean'],
    ['TOM-SEC-02', 'provider.digitalocean'],
    // plan JSON, inside modules
    ['TOM-RES-01', 'module.data.digitalocean_database_cluster.main'],
    ['TOM-CFG-04', 'module.data.digitalocean_database_cluster.main'],
    ['TOM-CFG-01', 'module.k8s.digitalocean_kubernetes_cluster.main'],
    ['TOM-CFG-02', 'module.k8s.digitalocean_kubernetes_cluster.main'],
    ['TOM-CFG-03', 'module.k8s.digitalocean_kubernetes_cluster.main'],
    // CloudFormation
    ['TOM-VLT-01', 'legacy-backups'],
    ['TOM-VLT-02', 'Key'],
    ['TOM-VLT-03', 'Backups'],
    ['TOM-VLT-04', 'Backups'],
    ['TOM-VLT-05', 'Backups'],
  ])('%s finds %s', (control, address) => {
    expect(failed).toContain(`${control} ${address}`);
  });

  it('never prints the secret it found', () => {
    expect(JSON.stringify(result.findings)).not.toContain(token);
  });
});
