/**
 * The Terraform module reader evaluates what is static, as Terraform would:
 * variables in Terraform's precedence, locals, functions, count / for_each
 * addresses as in plan JSON, dynamic blocks, local child modules with their
 * inputs; remote modules are listed as not audited.
 */
import { auditPathsAsync } from '../../../policies/gate';
import { readInventoryAsync } from '../../../policies/inventory';
import type { Inventory, InventoryResource } from '../../../policies/types';
import { moduleDir, removeModuleDirs } from './tmp-module';

afterAll(removeModuleDirs);

const SHOP = 'test/fixtures/terraform/shop-hcl';
const byAddress = (inv: Inventory, address: string): InventoryResource => {
  const r = inv.resources.find((x) => x.address === address);
  if (!r) throw new Error(`${address} not in ${inv.resources.map((x) => x.address).join(', ')}`);
  return r;
};

describe('the shop module (HCL over several files)', () => {
  let inv: Inventory;
  beforeAll(async () => {
    inv = await readInventoryAsync([SHOP]);
  });

  it('addresses count and for_each instances and child module resources as plan JSON does', () => {
    const addresses = inv.resources.map((r) => r.address);
    expect(addresses).toEqual(
      expect.arrayContaining([
        'digitalocean_droplet.web[0]',
        'digitalocean_droplet.web[1]',
        'digitalocean_droplet.worker["queue"]',
        'digitalocean_droplet.worker["report"]',
        'digitalocean_spaces_bucket.this["media"]',
        'digitalocean_spaces_bucket.this["public-assets"]',
        'module.database.digitalocean_database_cluster.this',
        'module.database.digitalocean_database_firewall.this',
        'provider.digitalocean',
        'terraform.backend.s3',
      ]),
    );
    expect(addresses).not.toContain('digitalocean_droplet.web[2]');
    expect(inv.stacks).toEqual([expect.objectContaining({ name: 'shop-hcl', format: 'terraform' })]);
  });

  it('takes web_count from prod.auto.tfvars over the default, and env from terraform.tfvars', () => {
    expect(byAddress(inv, 'digitalocean_droplet.web[1]').values.name).toBe('acme-shop-prod-web-2');
  });

  it('passes evaluated inputs to the local child module (a conditional on var.env)', () => {
    const db = byAddress(inv, 'module.database.digitalocean_database_cluster.this');
    expect(db.values).toMatchObject({ name: 'acme-shop-prod-db', node_count: 2, region: 'fra1', version: '16', private_network_uuid: '${digitalocean_vpc.main.id}' });
  });

  it('expands dynamic blocks over literal collections, with a named iterator, beside static blocks', () => {
    const fw = byAddress(inv, 'digitalocean_firewall.web').values;
    expect((fw.inbound_rule as { port_range: string }[]).map((r) => r.port_range)).toEqual(['22', '80', '443']);
    expect((fw.inbound_rule as { source_addresses?: string[] }[])[0].source_addresses).toEqual(['203.0.113.0/24', '10.20.0.0/16']);
    expect((fw.outbound_rule as { protocol: string; port_range: string }[]).map((r) => `${r.protocol}/${r.port_range}`)).toEqual(['tcp/443', 'udp/53', 'tcp/53', 'udp/123']);
  });

  it('evaluates locals, concat() and conditionals; keeps another resource\'s attribute as a reference', () => {
    expect(byAddress(inv, 'digitalocean_droplet.web[0]').values.tags).toEqual(['${digitalocean_tag.web.name}', 'production']);
    expect(byAddress(inv, 'digitalocean_tag.web').values.name).toBe('acme-shop-prod-web');
  });

  it('names each for_each instance in a for expression over a resource', () => {
    expect(byAddress(inv, 'digitalocean_firewall.workers').values.droplet_ids).toEqual([
      '${digitalocean_droplet.worker["queue"].id}',
      '${digitalocean_droplet.worker["report"].id}',
    ]);
    expect(byAddress(inv, 'digitalocean_firewall.workers').references).toEqual(['digitalocean_droplet.worker["queue"]', 'digitalocean_droplet.worker["report"]']);
  });

  it('lists the remote module as not audited', () => {
    expect(inv.stacks[0].notAudited).toEqual([expect.stringMatching(/^module\.alerts \(source "acme\/alerts\/digitalocean", version "1\.4\.0"\): remote module, not audited/)]);
  });

  it('finds the violations a reviewer would: the public bucket, the unproxied record', async () => {
    const result = await auditPathsAsync({ paths: [SHOP] });
    const failed = result.findings.filter((f) => f.status === 'fail').map((f) => `${f.controlId} ${f.address}`);
    expect(failed).toEqual(expect.arrayContaining(['TOM-IAM-02 digitalocean_spaces_bucket.this["public-assets"]', 'TOM-AVL-07 digitalocean_spaces_bucket.this["public-assets"]', 'TOM-EDGE-10 cloudflare_dns_record.status']));
    // The web droplets carry digitalocean_tag.web by .name, the firewall names it by .id: the same tag.
    const net01 = result.findings.filter((f) => f.controlId === 'TOM-NET-01').map((f) => `${f.address} ${f.status}`);
    expect(net01).toEqual(expect.arrayContaining(['digitalocean_droplet.web[0] pass', 'digitalocean_droplet.web[1] pass', 'digitalocean_droplet.worker["queue"] pass']));
    expect(result.findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });
});

describe('variables in Terraform precedence', () => {
  const dir = () =>
    moduleDir({
      'main.tf': 'variable "region" {\n  default = "nyc1"\n}\nresource "digitalocean_vpc" "v" {\n  name   = "v"\n  region = var.region\n}\n',
      'terraform.tfvars': 'region = "fra1"\n',
      'b.auto.tfvars.json': '{ "region": "ams3" }',
      'a.auto.tfvars': 'region = "lon1"\n',
      'prod.tfvars': 'region = "par1"\n',
    });
  const region = async (variables: { file: string } | { name: string; value: string } | (({ file: string } | { name: string; value: string })[])) => {
    const inv = await readInventoryAsync([dir()], { variables: [variables].flat() });
    return inv.resources.find((r) => r.type === 'digitalocean_vpc')!.values.region;
  };

  it('auto.tfvars files in lexical order win over terraform.tfvars, which wins over the default', async () => {
    expect(await region([])).toBe('ams3');
  });

  it('--var-file wins over the auto-loaded files, and a later --var over an earlier --var-file', async () => {
    const d = dir();
    const inv = await readInventoryAsync([d], { variables: [{ file: `${d}/prod.tfvars` }] });
    expect(inv.resources.find((r) => r.type === 'digitalocean_vpc')!.values.region).toBe('par1');
    expect(await region([{ file: `${d}/prod.tfvars` }, { name: 'region', value: 'sfo3' }])).toBe('sfo3');
    const later = await readInventoryAsync([d], { variables: [{ name: 'region', value: 'sfo3' }, { file: `${d}/prod.tfvars` }] });
    expect(later.resources.find((r) => r.type === 'digitalocean_vpc')!.values.region).toBe('par1');
  });

  it('parses --var values of non-string types as HCL literals', async () => {
    const d = moduleDir({
      'main.tf': 'variable "n" {\n  type = number\n}\nvariable "l" {\n  type = list(string)\n}\nresource "digitalocean_droplet" "d" {\n  count = var.n\n  name = "d"\n  tags = var.l\n}\n',
    });
    const inv = await readInventoryAsync([d], { variables: [{ name: 'n', value: '2' }, { name: 'l', value: '["a", "b"]' }] });
    expect(inv.resources.map((r) => r.address)).toEqual(['digitalocean_droplet.d[0]', 'digitalocean_droplet.d[1]']);
    expect(inv.resources[0].values.tags).toEqual(['a', 'b']);
  });
});

describe('count, for_each and functions', () => {
  it('count = 0 means the resource does not exist', async () => {
    const d = moduleDir({
      'main.tf':
        'variable "enabled" {\n  default = false\n}\nresource "digitalocean_spaces_bucket" "public" {\n  count = var.enabled ? 1 : 0\n  name = "p"\n  region = "fra1"\n  acl = "public-read"\n}\nresource "digitalocean_vpc" "v" {\n  name = "v"\n  region = "fra1"\n}\n',
    });
    const inv = await readInventoryAsync([d]);
    expect(inv.resources.map((r) => r.address)).toEqual(['digitalocean_vpc.v']);
  });

  it('evaluates merge, lookup, length, split, join, element, format, tolist, toset, try and for expressions on literals', async () => {
    const d = moduleDir({
      'main.tf': `
locals {
  base  = { region = "fra1", size = "s-1vcpu-1gb" }
  conf  = merge(local.base, { size = "s-2vcpu-4gb" })
  names = split(",", "a,b,c")
  set   = toset(["x", "y", "x"])
  upper = [for n in local.names : upper(n) if n != "b"]
}
resource "digitalocean_droplet" "d" {
  for_each = local.set
  name     = format("%s-%s", each.key, join("-", local.upper))
  region   = lookup(local.conf, "region", "nyc1")
  size     = try(local.conf.missing, local.conf.size)
  image    = element(tolist(local.names), 4)
  tags     = [tostring(length(local.names))]
}
`,
    });
    const inv = await readInventoryAsync([d]);
    expect(inv.resources.map((r) => r.address)).toEqual(['digitalocean_droplet.d["x"]', 'digitalocean_droplet.d["y"]']);
    expect(inv.resources[0].values).toEqual({ name: 'x-A-C', region: 'fra1', size: 's-2vcpu-4gb', image: 'b', tags: ['3'] });
  });
});
