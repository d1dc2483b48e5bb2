/**
 * `terraform show -json` writes every nested block as a list and leaves out
 * values computed from resources created in the same plan (the configuration
 * still records the reference). The DigitalOcean controls must judge that
 * shape exactly as they judge cdktf JSON.
 */
import { DIGITALOCEAN_CONTROLS } from '../../../policies/checks/digitalocean';
import type { FixtureResource } from './harness';
import { evaluate } from './harness';

const plan = (type: string, name: string, values: Record<string, unknown>, references: string[] = []): FixtureResource => ({
  type,
  name,
  values,
  references,
  stack: 'platform-prod',
});

const VPC = 'digitalocean_vpc.vpc';
const PROD_STACK: FixtureResource[] = [
  plan('digitalocean_vpc', 'vpc', { name: 'app-prod', region: 'fra1', ip_range: '10.10.0.0/16' }),
  plan('digitalocean_vpc', 'vpc_ams3', { name: 'app-prod-ams3', region: 'ams3', ip_range: '10.11.0.0/16' }),
  plan(
    'digitalocean_kubernetes_cluster',
    'cluster',
    {
      name: 'app-prod',
      region: 'fra1',
      ha: true,
      auto_upgrade: true,
      surge_upgrade: true,
      maintenance_policy: [{ day: 'sunday', start_time: '03:00' }],
      node_pool: [{ name: 'default', size: 's-2vcpu-4gb', auto_scale: true, min_nodes: 2, max_nodes: 5 }],
      control_plane_firewall: [{ enabled: true, allowed_addresses: ['203.0.113.10/32'] }],
    },
    [VPC],
  ),
  plan(
    'digitalocean_database_cluster',
    'db',
    { name: 'app-prod-db', engine: 'pg', region: 'fra1', node_count: 2, maintenance_window: [{ day: 'sunday', hour: '02:00:00' }] },
    [VPC],
  ),
  plan('digitalocean_database_replica', 'replica', { name: 'app-prod-replica', region: 'ams3' }, ['digitalocean_database_cluster.db', 'digitalocean_vpc.vpc_ams3']),
  plan('digitalocean_database_firewall', 'db_fw', { rule: [{ type: 'k8s' }] }, ['digitalocean_database_cluster.db', 'digitalocean_kubernetes_cluster.cluster']),
  plan(
    'digitalocean_droplet',
    'bastion',
    { name: 'app-prod-bastion', region: 'fra1', monitoring: true, tags: ['bastion'] },
    [VPC, 'digitalocean_ssh_key.admin'],
  ),
  plan('digitalocean_ssh_key', 'admin', { name: 'admin', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureOnlyPublicKey' }),
  plan(
    'digitalocean_firewall',
    'bastion_fw',
    {
      name: 'app-prod-bastion',
      inbound_rule: [{ protocol: 'tcp', port_range: '22', source_addresses: ['203.0.113.0/24'] }],
      outbound_rule: [{ protocol: 'tcp', port_range: '443', destination_addresses: ['0.0.0.0/0'] }],
    },
    ['digitalocean_droplet.bastion'],
  ),
  plan(
    'digitalocean_loadbalancer',
    'origin',
    {
      name: 'app-prod-origin',
      region: 'fra1',
      redirect_http_to_https: true,
      forwarding_rule: [{ entry_port: 443, entry_protocol: 'https', target_port: 30080, target_protocol: 'http', certificate_name: 'app-prod', tls_passthrough: false }],
      healthcheck: [{ check_interval_seconds: 10, unhealthy_threshold: 3, port: 30080, protocol: 'http' }],
      firewall: [{ allow: ['cidr:173.245.48.0/20'], deny: [] }],
    },
    [VPC],
  ),
  plan('digitalocean_spaces_bucket', 'backups', {
    name: 'app-prod-backups',
    region: 'fra1',
    acl: 'private',
    force_destroy: false,
    versioning: [{ enabled: true }],
    lifecycle_rule: [{ enabled: true, prefix: '', expiration: [{ days: 30 }], noncurrent_version_expiration: [{ days: 30 }] }],
  }),
];

const doControls = DIGITALOCEAN_CONTROLS.filter((c) => c.scope === 'resource');

it.each(doControls.map((c) => [c.id, c] as const))('%s passes the plan-shaped production stack', (_id, control) => {
  expect(evaluate(control, { resources: PROD_STACK }).filter((o) => o.status === 'fail')).toEqual([]);
});

const control = (id: string) => DIGITALOCEAN_CONTROLS.find((c) => c.id === id)!;
const failing = (id: string, resources: FixtureResource[]) =>
  evaluate(control(id), { resources })
    .filter((o) => o.status === 'fail')
    .map((o) => o.address);
const without = (address: string, reference: string): FixtureResource[] =>
  PROD_STACK.map((r) => (`${r.type}.${r.name}` === address ? { ...r, references: (r.references ?? []).filter((x) => x !== reference) } : r));

it('a computed VPC id counts only when the reference is recorded', () => {
  expect(failing('TOM-NET-07', without('digitalocean_droplet.bastion', VPC))).toEqual(['digitalocean_droplet.bastion']);
  expect(failing('TOM-NET-06', without('digitalocean_database_cluster.db', VPC))).toEqual(['digitalocean_database_cluster.db']);
});

it('a firewall covers a droplet of existing infrastructure by its numeric id', () => {
  const existing = PROD_STACK.map((r) => {
    if (r.name === 'bastion' && r.type === 'digitalocean_droplet') return { ...r, values: { ...r.values, id: '412345678', tags: [] } };
    if (r.name === 'bastion_fw') return { ...r, values: { ...r.values, droplet_ids: [412345678] } };
    return r;
  });
  expect(failing('TOM-NET-01', existing)).toEqual([]);
  const other = existing.map((r) => (r.name === 'bastion_fw' ? { ...r, values: { ...r.values, droplet_ids: [999] } } : r));
  expect(failing('TOM-NET-01', other)).toEqual(['digitalocean_droplet.bastion']);
});
