import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, readInventory } from '../../../policies/inventory';
import type { Inventory, InventoryResource } from '../../../policies/types';

const INPUTS = 'test/fixtures/inputs';
const byAddress = (inv: Inventory, stack: string, address: string): InventoryResource => {
  const r = inv.resources.find((x) => x.stack === stack && x.address === address);
  if (!r) throw new Error(`${stack}/${address} not in inventory`);
  return r;
};

describe('cdktf cdk.tf.json', () => {
  const inv = readInventory([`${INPUTS}/cdktf.out`]);
  const stack = 'platform-prod';

  it('names the stack after its folder under stacks/ and records the source', () => {
    expect(inv.stacks).toEqual([{ name: stack, source: `${INPUTS}/cdktf.out/stacks/platform-prod/cdk.tf.json`, format: 'cdktf' }]);
  });

  it('reads resources with type, provider and construct path, and leaves data sources out', () => {
    const db = byAddress(inv, stack, 'digitalocean_database_cluster.db');
    expect(db).toMatchObject({ type: 'digitalocean_database_cluster', provider: 'digitalocean', format: 'cdktf', constructPath: 'platform-prod/database/cluster' });
    expect(inv.resources.some((r) => r.address.includes('kubernetes_versions'))).toBe(false);
  });

  it('drops metadata and meta-arguments from values but keeps attributes and nested blocks', () => {
    const doks = byAddress(inv, stack, 'digitalocean_kubernetes_cluster.doks');
    expect(Object.keys(doks.values)).not.toEqual(expect.arrayContaining(['//']));
    expect(doks.values).not.toHaveProperty('lifecycle');
    expect(doks.values.maintenance_policy).toEqual({ day: 'sunday', start_time: '03:00' });
    expect(byAddress(inv, stack, 'digitalocean_spaces_bucket.backups').values).not.toHaveProperty('count');
    expect(byAddress(inv, stack, 'digitalocean_database_firewall.db_fw').values).not.toHaveProperty('provider');
    expect(byAddress(inv, stack, 'digitalocean_database_cluster.db').values).not.toHaveProperty('depends_on');
  });

  it('takes references from interpolations anywhere in values and from depends_on, not from data sources', () => {
    expect(byAddress(inv, stack, 'digitalocean_kubernetes_cluster.doks').references).toEqual(['digitalocean_vpc.vpc']);
    expect(byAddress(inv, stack, 'digitalocean_database_cluster.db').references).toEqual([
      'digitalocean_vpc.vpc',
      'digitalocean_kubernetes_cluster.doks',
    ]);
    expect(byAddress(inv, stack, 'digitalocean_database_firewall.db_fw').references).toEqual([
      'digitalocean_database_cluster.db',
      'digitalocean_kubernetes_cluster.doks',
    ]);
  });

  it('emits provider blocks (with alias) and the backend as resources', () => {
    expect(byAddress(inv, stack, 'provider.digitalocean')).toMatchObject({ type: 'terraform_provider', provider: 'digitalocean', values: { token: '${var.do_token}' } });
    expect(byAddress(inv, stack, 'provider.digitalocean.ams').values.alias).toBe('ams');
    expect(byAddress(inv, stack, 'terraform.backend.s3')).toMatchObject({ type: 'terraform_backend', provider: 'terraform', values: { encrypt: true } });
  });
});

describe('Terraform plan JSON', () => {
  const inv = readInventory([`${INPUTS}/plan/plan-prod.json`]);
  const stack = 'plan-prod';

  it('walks child modules recursively with the addresses Terraform gives, without data sources', () => {
    expect(inv.resources.filter((r) => r.type !== 'terraform_provider').map((r) => r.address)).toEqual([
      'digitalocean_vpc.vpc',
      'digitalocean_project_resources.prod',
      'module.db.digitalocean_database_cluster.main',
      'module.db.digitalocean_database_firewall.main[0]',
      'module.db.module.replica.digitalocean_database_replica.eu',
    ]);
    expect(inv.stacks).toEqual([{ name: stack, source: `${INPUTS}/plan/plan-prod.json`, format: 'terraform-plan' }]);
    expect(byAddress(inv, stack, 'module.db.digitalocean_database_cluster.main').values.maintenance_window).toEqual([{ day: 'sunday', hour: '03:00:00' }]);
  });

  it('normalises configuration references to planned addresses through modules, variables, outputs and depends_on', () => {
    // relative `digitalocean_database_cluster.main` inside module.db; count instance [0]; depends_on a whole module
    expect(byAddress(inv, stack, 'module.db.digitalocean_database_firewall.main[0]').references).toEqual([
      'module.db.digitalocean_database_cluster.main',
      'module.db.module.replica.digitalocean_database_replica.eu',
    ]);
    // var.vpc_id bound by the module call to digitalocean_vpc.vpc
    expect(byAddress(inv, stack, 'module.db.digitalocean_database_cluster.main').references).toEqual(['digitalocean_vpc.vpc']);
    // var.cluster_id in the nested module
    expect(byAddress(inv, stack, 'module.db.module.replica.digitalocean_database_replica.eu').references).toEqual([
      'module.db.digitalocean_database_cluster.main',
    ]);
    // module.db.cluster_urn output
    expect(byAddress(inv, stack, 'digitalocean_project_resources.prod').references).toEqual(['module.db.digitalocean_database_cluster.main']);
  });

  it('emits provider_config entries as provider resources, computed values as ${…} placeholders', () => {
    expect(byAddress(inv, stack, 'provider.digitalocean').values).toEqual({ token: '${var.do_token}' });
    expect(byAddress(inv, stack, 'provider.aws.backup')).toMatchObject({ provider: 'aws', values: { region: 'eu-central-1', alias: 'backup' } });
  });
});

describe('CloudFormation template', () => {
  const inv = readInventory([`${INPUTS}/cdk.out`]);
  const stack = 'BackupVault';

  it('uses logical ids as addresses, Properties as values, and the manifest region; skips CDK metadata and other JSON', () => {
    expect(inv.stacks).toEqual([{ name: stack, source: `${INPUTS}/cdk.out/BackupVault.template.json`, format: 'cloudformation', region: 'eu-central-1' }]);
    expect(inv.resources.map((r) => r.address)).toEqual(['VaultKey', 'VaultBucket', 'VaultBucketPolicy', 'WriterUser']);
    expect(byAddress(inv, stack, 'VaultBucket')).toMatchObject({ type: 'AWS::S3::Bucket', provider: 'aws', constructPath: 'BackupVault/VaultBucket/Resource', values: { ObjectLockEnabled: true } });
  });

  it('takes references from Ref, Fn::GetAtt, Fn::Sub and DependsOn, ignoring parameters and pseudo parameters', () => {
    expect(byAddress(inv, stack, 'VaultBucket').references).toEqual(['VaultKey']);
    expect(byAddress(inv, stack, 'VaultBucketPolicy').references).toEqual(['VaultBucket']);
    expect(byAddress(inv, stack, 'WriterUser').references).toEqual(['VaultBucketPolicy']);
  });
});

describe('folders and bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'inventory-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const inputError = (paths: string[]): string => {
    try {
      readInventory(paths);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('reads all three formats from one folder', () => {
    const inv = readInventory([INPUTS]);
    expect(inv.stacks.map((s) => s.name).sort()).toEqual(['BackupVault', 'plan-prod', 'platform-prod']);
  });

  it('skips node_modules, .terraform and unrelated or broken JSON inside a folder', () => {
    const root = join(dir, 'skips');
    write('skips/main.tf.json', JSON.stringify({ resource: { digitalocean_vpc: { v: { region: 'fra1' } } } }));
    write('skips/node_modules/x/cdk.tf.json', '{ broken');
    write('skips/.terraform/modules/plan.json', JSON.stringify({ resource: { digitalocean_vpc: { hidden: {} } } }));
    write('skips/package.json', '{"name":"x"}');
    write('skips/tsconfig.json', '{ // comments are not JSON\n}');
    const inv = readInventory([root]);
    // main.tf.json is a Terraform module: its stack is named after the folder.
    expect(inv.resources.map((r) => `${r.stack}/${r.address}`)).toEqual(['skips/digitalocean_vpc.v']);
  });

  it('rejects a missing path, naming it', () => {
    expect(inputError([join(dir, 'nope.json')])).toMatch(/nope\.json: no such file or folder/);
  });

  it('rejects malformed JSON given explicitly, and a broken *.tf.json inside a folder', () => {
    expect(inputError([write('broken.json', '{ "resource": ')])).toMatch(/broken\.json: not valid JSON \(Unexpected end of JSON input\)\.$/);
    const multiLine = inputError([write('multi.json', '{\n  "resource": {\n    "a": 1,,\n  }\n}')]);
    expect(multiLine).toMatch(/multi\.json: not valid JSON \(.* at line 3, column \d+\)\.$/);
    expect(multiLine).not.toContain('\n');
    write('folder-broken/stacks/a/cdk.tf.json', '{');
    expect(inputError([join(dir, 'folder-broken')])).toMatch(/cdk\.tf\.json: not valid JSON/);
  });

  it('rejects JSON of no known format given explicitly, saying what is expected', () => {
    expect(inputError([write('package.json', '{"name":"x"}')])).toMatch(/package\.json: not a format the audit reads\. Expected a cdktf/);
    expect(inputError([write('list.json', '[1,2]')])).toMatch(/list\.json: not a format/);
  });

  it('rejects a folder with nothing to audit and an empty path list', () => {
    write('empty/package.json', '{}');
    expect(inputError([join(dir, 'empty')])).toMatch(/no Terraform module, cdk\.tf\.json, Terraform plan JSON or CloudFormation template found/);
    expect(inputError([])).toMatch(/No input given/);
  });

  it('reads each file once and keeps stacks apart when two files claim the same name', () => {
    const a = write('dup/a/plan.json', JSON.stringify({ format_version: '1.2', values: { root_module: { resources: [{ address: 'x_y.z', mode: 'managed', type: 'x_y', values: {} }] } } }));
    write('dup/b/plan.json', JSON.stringify({ format_version: '1.2', values: { root_module: { resources: [{ address: 'x_y.z', mode: 'managed', type: 'x_y', values: {} }] } } }));
    const inv = readInventory([join(dir, 'dup'), a]);
    expect(inv.resources).toHaveLength(2);
    expect(new Set(inv.resources.map((r) => r.stack)).size).toBe(2);
  });
});
