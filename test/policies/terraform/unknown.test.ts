/**
 * Values known only at apply time give `unknown`, never pass, naming the
 * expression that decided it; unknown blocks the gate for critical and high
 * controls by default, and `--unknown warn` makes it non-blocking.
 */
import { CONTROLS } from '../../../policies/catalog';
import { auditPathsAsync } from '../../../policies/gate';
import type { Finding } from '../../../policies/types';
import { moduleDir, removeModuleDirs } from './tmp-module';

afterAll(removeModuleDirs);

const byId = (id: string) => CONTROLS.filter((c) => c.id === id);

async function finding(id: string, tf: string, address: string, variables?: { name: string; value: string }[]): Promise<Finding> {
  const result = await auditPathsAsync({ paths: [moduleDir({ 'main.tf': tf })], controls: byId(id), variables });
  const f = result.findings.find((x) => x.address === address);
  if (!f) throw new Error(`no ${id} finding for ${address}: ${JSON.stringify(result.findings)}`);
  return f;
}

const firewall = (sources: string, extra = '') => `
variable "ingress_cidrs" {
  type = list(string)
}
variable "rules" {
  type = list(object({ port = string, cidrs = list(string) }))
}
${extra}
resource "digitalocean_firewall" "web" {
  name = "web"
  inbound_rule {
    protocol         = "tcp"
    port_range       = "443"
    source_addresses = ${sources}
  }
}
`;

describe('firewall sources known only at apply time are unknown, not "none open to the whole internet"', () => {
  it.each([
    ['a variable without a value', 'var.ingress_cidrs', '', 'inbound_rule[0].source_addresses = ${var.ingress_cidrs}'],
    ['a local built from a variable', 'local.cidrs', 'locals {\n  cidrs = var.ingress_cidrs\n}', 'inbound_rule[0].source_addresses = ${var.ingress_cidrs}'],
    ['concat() with a variable', 'concat(["10.0.0.0/8"], var.ingress_cidrs)', '', '${concat(["10.0.0.0/8"], var.ingress_cidrs)}'],
    ['one element from a variable', '["10.0.0.0/8", var.ingress_cidrs[0]]', '', '${var.ingress_cidrs[0]}'],
    ['a data source', 'data.cloudflare_ip_ranges.cf.ipv4_cidrs', 'data "cloudflare_ip_ranges" "cf" {}', '${data.cloudflare_ip_ranges.cf.ipv4_cidrs}'],
    ["another resource's computed attribute", '[digitalocean_loadbalancer.lb.ip]', 'resource "digitalocean_loadbalancer" "lb" {\n  name = "lb"\n  region = "fra1"\n}', '${digitalocean_loadbalancer.lb.ip}'],
    ['a remote module output', 'module.net.office_cidrs', 'module "net" {\n  source = "acme/net/digitalocean"\n}', '${module.net.office_cidrs}'],
  ])('TOM-NET-02 with sources from %s', async (_, sources, extra, named) => {
    const f = await finding('TOM-NET-02', firewall(sources, extra), 'digitalocean_firewall.web');
    expect(f.status).toBe('unknown');
    expect(f.reason).toContain(named);
  });

  it('TOM-NET-02 with a dynamic "inbound_rule" block over a variable', async () => {
    const tf = firewall('["10.0.0.0/8"]').replace(
      '  inbound_rule {',
      '  dynamic "inbound_rule" {\n    for_each = var.rules\n    content {\n      protocol = "tcp"\n      port_range = inbound_rule.value.port\n      source_addresses = inbound_rule.value.cidrs\n    }\n  }\n  inbound_rule {',
    );
    const f = await finding('TOM-NET-02', tf, 'digitalocean_firewall.web');
    expect(f.status).toBe('unknown');
    expect(f.reason).toContain('source_addresses = ${var.rules[*].cidrs}');
  });

  it('TOM-NET-02 fails once the variable is given and opens the world, passes when it does not', async () => {
    expect((await finding('TOM-NET-02', firewall('var.ingress_cidrs'), 'digitalocean_firewall.web', [{ name: 'ingress_cidrs', value: '["0.0.0.0/0"]' }])).status).toBe('fail');
    expect((await finding('TOM-NET-02', firewall('var.ingress_cidrs'), 'digitalocean_firewall.web', [{ name: 'ingress_cidrs', value: '["10.0.0.0/8"]' }])).status).toBe('pass');
  });

  it('TOM-NET-04 admin port from a variable source is unknown, not "not an address range"', async () => {
    const f = await finding('TOM-NET-04', firewall('var.ingress_cidrs').replace('"443"', '"22"'), 'digitalocean_firewall.web');
    expect(f.status).toBe('unknown');
    expect(f.reason).toContain('${var.ingress_cidrs}');
  });
});

describe('other apply-time values', () => {
  const bucket = (acl: string, extra = '') => `${extra}\nresource "digitalocean_spaces_bucket" "b" {\n  name = "b"\n  region = "fra1"\n  acl = ${acl}\n}\n`;

  it('TOM-IAM-02 acl = var.acl without a value is unknown, not a failure quoting ${var.acl}', async () => {
    const f = await finding('TOM-IAM-02', bucket('var.acl', 'variable "acl" {}'), 'digitalocean_spaces_bucket.b');
    expect(f).toMatchObject({ status: 'unknown', path: 'acl' });
    expect(f.reason).toContain('acl = ${var.acl}');
    expect((await finding('TOM-IAM-02', bucket('var.acl', 'variable "acl" {\n  default = "private"\n}'), 'digitalocean_spaces_bucket.b')).status).toBe('pass');
  });

  const droplet = (variable: string) => `${variable}\nresource "digitalocean_droplet" "d" {\n  name = "d"\n  region = "fra1"\n  size = "s-1vcpu-1gb"\n  image = "debian-12-x64"\n  ssh_keys = var.keys\n}\n`;

  it('TOM-IAM-01 ssh_keys = var.keys without a value is unknown; with default [] it fails (the default applies)', async () => {
    const open = await finding('TOM-IAM-01', droplet('variable "keys" {\n  type = list(string)\n}'), 'digitalocean_droplet.d');
    expect(open.status).toBe('unknown');
    expect(open.reason).toContain('ssh_keys = ${var.keys}');
    expect((await finding('TOM-IAM-01', droplet('variable "keys" {\n  default = []\n}'), 'digitalocean_droplet.d')).status).toBe('fail');
  });

  it('count from an unset variable keeps one instance whose checks still run', async () => {
    const tf = 'variable "n" {\n  type = number\n}\n' + bucket('"public-read"').replace('name = "b"', 'count = var.n\n  name = "b"');
    expect((await finding('TOM-IAM-02', tf, 'digitalocean_spaces_bucket.b')).status).toBe('fail');
  });
});

describe('unknown and the gate', () => {
  const tf = firewall('var.ingress_cidrs');

  it('blocks by default for a critical control, and only warns with --unknown warn', async () => {
    const dir = moduleDir({ 'main.tf': tf });
    const blocked = await auditPathsAsync({ paths: [dir], controls: byId('TOM-NET-02') });
    expect(blocked.summary).toMatchObject({ compliant: false, blocking: 1 });
    const warned = await auditPathsAsync({ paths: [dir], controls: byId('TOM-NET-02'), unknownMode: 'warn' });
    expect(warned.summary).toMatchObject({ compliant: true, blocking: 0 });
    expect(warned.summary.findings.unknown).toBe(1);
  });
});
