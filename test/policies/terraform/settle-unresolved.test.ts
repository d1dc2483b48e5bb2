/**
 * The engine settles a pass or fail whose deciding attribute is only known at
 * apply time as `unknown`, for every check: a naive read of `${var.x}` is
 * "not true" (a wrong fail) or "not false" (a wrong pass).
 */
import { CONTROLS } from '../../../policies/catalog';
import { auditPathsAsync } from '../../../policies/gate';
import type { InventoryResource } from '../../../policies/types';
import { fail, pass } from '../../../policies/types';
import { settleUnresolved } from '../../../policies/unresolved';
import { moduleDir, removeModuleDirs } from './tmp-module';

afterAll(removeModuleDirs);

const resource = (values: Record<string, unknown>): InventoryResource => ({
  address: 'x_y.z',
  type: 'x_y',
  provider: 'x',
  stack: 's',
  source: 'main.tf',
  format: 'terraform',
  values,
  references: [],
});

describe('settleUnresolved', () => {
  it('turns a pass decided by an apply-time value into unknown, naming it', () => {
    expect(settleUnresolved(resource({ surge_upgrade: '${var.surge}' }), pass('surge_upgrade is true', 'surge_upgrade'))).toMatchObject({
      status: 'unknown',
      path: 'surge_upgrade',
      reason: expect.stringContaining('surge_upgrade = ${var.surge}: only known at apply time'),
    });
    expect(settleUnresolved(resource({ versioning: '${var.v}' }), pass('ok', 'versioning.enabled')).status).toBe('unknown');
    expect(settleUnresolved(resource({ tags: ['a', '${local.t}'] }), pass('ok', 'tags'))).toMatchObject({ status: 'unknown', path: 'tags[1]' });
  });

  it('turns a fail that read the expression as a literal, or a whole unknown attribute, into unknown', () => {
    expect(settleUnresolved(resource({ region: '${var.region}' }), fail('region "${var.region}" is not an EU region', 'region')).status).toBe('unknown');
    expect(settleUnresolved(resource({ forwarding_rule: '${var.rules}' }), fail('no forwarding_rule accepts https', 'forwarding_rule')).status).toBe('unknown');
  });

  it('keeps a deliberate fail on one element that is an interpolation, and verdicts on known values', () => {
    const env = resource({ env: [{ name: 'TOKEN', value: '${var.token}' }] });
    expect(settleUnresolved(env, fail('env TOKEN is a Terraform interpolation', 'env[0].value')).status).toBe('fail');
    expect(settleUnresolved(resource({ acl: 'public-read' }), fail('acl is "public-read"', 'acl')).status).toBe('fail');
    expect(settleUnresolved(resource({ acl: 'private' }), pass('private', 'acl')).status).toBe('pass');
  });

  it('keeps verdicts on resource references and on templates with known parts', () => {
    expect(settleUnresolved(resource({ vpc_uuid: '${digitalocean_vpc.main.id}' }), pass('in the VPC', 'vpc_uuid')).status).toBe('pass');
    expect(settleUnresolved(resource({ vpc_uuid: '${module.net.digitalocean_vpc.main["a"].id}' }), pass('in the VPC', 'vpc_uuid')).status).toBe('pass');
    const conf = 's3://logs/{DATE}?region=fra1&access-key-id=${var.key}';
    expect(settleUnresolved(resource({ destination_conf: conf }), pass('EU', 'destination_conf')).status).toBe('pass');
  });
});

describe('controls on attributes from unset variables answer unknown', () => {
  it.each([
    ['TOM-CFG-02', 'digitalocean_kubernetes_cluster', 'surge_upgrade = var.b'],
    ['TOM-CFG-01', 'digitalocean_kubernetes_cluster', 'auto_upgrade = var.b'],
    ['TOM-AVL-06', 'digitalocean_spaces_bucket', 'force_destroy = var.b'],
    ['TOM-RES-01', 'digitalocean_spaces_bucket', 'region = var.x'],
    ['TOM-ENC-01', 'digitalocean_loadbalancer', 'forwarding_rule = var.l'],
    ['TOM-IAM-03', 'digitalocean_spaces_key', 'grant = var.l'],
  ])('%s on %s with %s', async (id, type, line) => {
    const tf = `variable "b" {}\nvariable "x" {}\nvariable "l" {}\nresource "${type}" "r" {\n  name = "r"\n  ${line}\n}\n`;
    const result = await auditPathsAsync({ paths: [moduleDir({ 'main.tf': tf })], controls: CONTROLS.filter((c) => c.id === id) });
    expect(result.findings.map((f) => f.status)).toEqual(['unknown']);
  });
});
