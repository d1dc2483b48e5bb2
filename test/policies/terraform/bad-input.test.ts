/**
 * Unusable Terraform input exits 2 with one paragraph naming what is wrong
 * (file, line and column for HCL), no stack trace, and nothing in --out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../../policies/cli';
import { moduleDir, removeModuleDirs } from './tmp-module';

afterAll(removeModuleDirs);

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const VPC = 'resource "digitalocean_vpc" "v" {\n  name   = "v"\n  region = "fra1"\n}\n';

/** Exit 2, one line on stderr (plus usage for option errors), no stack, no reports folder. */
async function refused(argv: string[], out: string): Promise<string> {
  const r = await cli([...argv, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  return r.stderr;
}

describe('bad Terraform input', () => {
  it('an HCL syntax error names file, line and column', async () => {
    const dir = moduleDir({ 'main.tf': VPC, 'network.tf': 'resource "digitalocean_vpc" "w" {\n  name = "w"\n  region = \n}\n' });
    const err = await refused([dir], join(dir, 'reports'));
    expect(err).toMatch(/network\.tf: not valid HCL at line 3, column 12: Invalid expression/);
    expect(err.split('\n')).toHaveLength(1);
  });

  it('a cycle between locals names the cycle', async () => {
    const dir = moduleDir({ 'main.tf': `locals {\n  a = local.b\n  b = "\${local.a}-x"\n}\n${VPC.replace('"v"\n', 'local.a\n')}` });
    expect(await refused([dir], join(dir, 'reports'))).toMatch(/main\.tf: locals refer to each other in a cycle: local\.a -> local\.b -> local\.a\./);
  });

  it('a --var for an undeclared variable', async () => {
    const dir = moduleDir({ 'main.tf': VPC });
    expect(await refused([dir, '--var', 'regoin=fra1'], join(dir, 'reports'))).toMatch(/--var regoin: no variable "regoin" is declared in .*app; declare it or remove the option\./);
  });

  it('a --var that is not NAME=VALUE, and a --var-file that does not exist', async () => {
    const dir = moduleDir({ 'main.tf': 'variable "region" {}\n' + VPC });
    expect(await refused([dir, '--var', 'region'], join(dir, 'reports'))).toMatch(/--var "region": expected NAME=VALUE/);
    expect(await refused([dir, '--var-file', join(dir, 'nope.tfvars')], join(dir, 'reports'))).toMatch(/nope\.tfvars: cannot be read \(ENOENT\)\./);
  });

  it('a local module source that does not exist', async () => {
    const dir = moduleDir({ 'main.tf': `${VPC}module "db" {\n  source = "./modules/db"\n}\n` });
    expect(await refused([dir], join(dir, 'reports'))).toMatch(/main\.tf: module "db" has source "\.\/modules\/db", but .*modules\/db is not a folder\./);
  });

  it('zero resources is nothing to audit, not compliant', async () => {
    const dir = moduleDir({ 'variables.tf': 'variable "region" {\n  default = "fra1"\n}\n', 'outputs.tf.json': '{ "output": { "r": { "value": "${var.region}" } } }', 'providers.tf': 'provider "digitalocean" {}\n' });
    expect(await refused([dir], join(dir, 'reports'))).toMatch(/: 3 files read \(.*\), 0 resources: nothing to audit\./);
  });

  it('a duplicate resource across two files', async () => {
    const dir = moduleDir({ 'a.tf': VPC, 'b.tf.json': '{ "resource": [ { "digitalocean_vpc": [ { "v": [ { "name": "v2", "region": "fra1" } ] } ] } ] }' });
    expect(await refused([dir], join(dir, 'reports'))).toMatch(/b\.tf\.json: resource digitalocean_vpc\.v is declared twice \(first in .*a\.tf\)/);
  });

  it('a duplicate key in a .tf.json', async () => {
    const dir = moduleDir({ 'main.tf.json': '{ "resource": {}, "resource": { "digitalocean_vpc": { "v": { "region": "fra1" } } } }' });
    expect(await refused([dir], join(dir, 'reports'))).toMatch(/main\.tf\.json: .*duplicate key "resource"/);
  });
});

describe('hostile Terraform input', () => {
  it('a count beyond what any configuration has is refused, not expanded', async () => {
    const dir = moduleDir({ 'main.tf': VPC.replace('name   = "v"', 'count = 100000000\n  name = "v"') });
    expect(await refused([dir], join(dir, 'reports'))).toMatch(/count = 100000000 is 100000000: more than the 10000 instances the audit expands per block\./);
  });

  it('an expression nested thousands deep is refused before parsing (exit 2, one line), never a crash or a hang', async () => {
    const deep = `${'('.repeat(20000)}"0.0.0.0/0"${')'.repeat(20000)}`;
    const dir = moduleDir({ 'main.tf': VPC.replace('region = "fra1"', 'region = "fra1"\n  description = "\${' + deep + '}"') });
    const r = await cli([dir, '--fail-on', 'critical']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/main\.tf: brackets nest deeper than 256 levels at line \d+/);
    // The shared parser is still alive for the next module.
    const next = await cli([moduleDir({ 'main.tf': VPC }), '--fail-on', 'critical']);
    expect(next.code).not.toBe(2);
  });
});

describe('CLI with Terraform modules', () => {
  it('audits an HCL module, lists the remote module as not audited and hints at --var-file for unknowns', async () => {
    const dir = moduleDir({
      'main.tf': `variable "cidrs" {\n  type = list(string)\n}\nresource "digitalocean_firewall" "f" {\n  name = "f"\n  inbound_rule {\n    protocol = "tcp"\n    port_range = "443"\n    source_addresses = var.cidrs\n  }\n}\nmodule "x" {\n  source = "git::https://example.com/x.git"\n}\n`,
    });
    const r = await cli([dir, '--fail-on', 'critical']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('TOM-NET-02 digitalocean_firewall.f: unknown: inbound_rule[0].source_addresses = ${var.cidrs}: only known at apply time');
    expect(r.stdout).toMatch(/--var-file for Terraform.*audit the plan JSON \(`terraform show -json`\)/);
    expect(r.stdout).toContain('Not audited (1):\n  app: module.x (source "git::https://example.com/x.git"): remote module, not audited');
    const given = await cli([dir, '--fail-on', 'critical', '--var', 'cidrs=["10.0.0.0/8"]']);
    expect(given.stdout).not.toContain('TOM-NET-02 digitalocean_firewall.f');
  });
});

describe('a hand-written cdk.tf.json in the array form', () => {
  it('is read as a Terraform module, not as zero cdktf resources', async () => {
    const dir = moduleDir({
      'cdk.tf.json': JSON.stringify({ resource: [{ digitalocean_spaces_bucket: [{ b: [{ name: 'b', region: 'fra1', acl: 'public-read' }] }] }] }),
    });
    const r = await cli([dir, '--fail-on', 'critical', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('TOM-IAM-02 digitalocean_spaces_bucket.b: acl is "public-read"');
  });
});
