/**
 * CloudFormation as people write it: YAML with short-form tags, parameters
 * and conditions, intrinsics, Fn::ForEach, controls scoped to what a bucket
 * is for. Fixtures under test/fixtures/cloudformation/, written after the
 * CloudFormation user guide.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../policies/cli';
import { auditPaths } from '../../../policies/gate';
import { InputError, readInventory } from '../../../policies/inventory';
import { parseParametersFile } from '../../../policies/readers/cloudformation/parameters';
import { parseCloudFormationYaml } from '../../../policies/readers/cloudformation/yaml';
import type { AuditResult, Finding } from '../../../policies/types';

const DIR = 'test/fixtures/cloudformation';
const DATA_YAML = `${DIR}/intrinsics/data-stack.yaml`;
const DATA_JSON = `${DIR}/intrinsics/data-stack.template.json`;

const find = (r: AuditResult, control: string, address: string): Finding => {
  const f = r.findings.find((x) => x.controlId === control && x.address === address);
  if (!f) throw new Error(`${control} ${address} has no finding`);
  return f;
};
const comparable = (r: AuditResult) => r.findings.map((f) => ({ ...f, source: '', stack: '', address: f.address === f.stack ? '' : f.address }));

describe('YAML with short-form tags', () => {
  it('reads every short form as its long form', () => {
    const doc = parseCloudFormationYaml(
      'A: !Ref X\nB: !GetAtt R.Arn\nC: !If [c, !Sub "${X}", !Join ["", [a, !Select [0, !Split [",", "a,b"]]]]]\nD: !FindInMap [M, !Base64 k, !Equals [!Not [!Condition c], !And [!Or [x]]]]\nE: !Cidr [!GetAZs "", !ImportValue v]\n',
      'f.yaml',
    );
    expect(doc).toEqual({
      A: { Ref: 'X' },
      B: { 'Fn::GetAtt': 'R.Arn' },
      C: { 'Fn::If': ['c', { 'Fn::Sub': '${X}' }, { 'Fn::Join': ['', ['a', { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }]] }] },
      D: { 'Fn::FindInMap': ['M', { 'Fn::Base64': 'k' }, { 'Fn::Equals': [{ 'Fn::Not': [{ Condition: 'c' }] }, { 'Fn::And': [{ 'Fn::Or': ['x'] }] }] }] },
      E: { 'Fn::Cidr': [{ 'Fn::GetAZs': '' }, { 'Fn::ImportValue': 'v' }] },
    });
  });

  it('refuses duplicate keys and unbounded aliases, and keeps an unknown tag visible', () => {
    expect(() => parseCloudFormationYaml('a: 1\na: 2\n', 'f.yaml')).toThrow(/line 2, column 1 .*unique/);
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(() => parseCloudFormationYaml(bomb, 'f.yaml')).toThrow(InputError);
    expect(parseCloudFormationYaml('a: !Foo x\n', 'f.yaml')).toEqual({ a: { 'Fn::Foo': 'x' } });
  });
});

describe('the same template in JSON and YAML', () => {
  it('gives identical findings', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const yaml = auditPaths({ paths: [DATA_YAML], now });
    const json = auditPaths({ paths: [DATA_JSON], now });
    expect(comparable(json)).toEqual(comparable(yaml));
    const flipped = { parameters: { Environment: 'dev', BlockPublic: 'false' }, region: 'eu-west-1' };
    expect(comparable(auditPaths({ paths: [DATA_JSON], now, cloudformation: flipped }))).toEqual(comparable(auditPaths({ paths: [DATA_YAML], now, cloudformation: flipped })));
  });
});

describe('parameters, conditions and intrinsics', () => {
  const defaults = auditPaths({ paths: [DATA_YAML] });
  const dev = auditPaths({ paths: [DATA_YAML], cloudformation: { parameters: { Environment: 'dev', BlockPublic: 'false' }, region: 'eu-central-1' } });

  it('evaluates Fn::If on parameter defaults: Block Public Access and versioning are on, encryption is aws:kms', () => {
    expect(find(defaults, 'TOM-VLT-04', 'DataBucket').status).toBe('pass');
    expect(find(defaults, 'TOM-VLT-06', 'DataBucket').status).toBe('pass');
    expect(find(defaults, 'TOM-VLT-03', 'DataBucket').reason).toMatch(/^encrypted with aws:kms/);
  });

  it('flips the conditions with --cfn-parameter: the other branch, NoValue, and a resource that now exists', () => {
    expect(find(dev, 'TOM-VLT-04', 'DataBucket')).toMatchObject({ status: 'fail', path: 'PublicAccessBlockConfiguration.BlockPublicAcls' });
    expect(find(dev, 'TOM-VLT-03', 'DataBucket').reason).toMatch(/^encrypted with AES256/);
    expect(defaults.findings.some((f) => f.address === 'DevScratchBucket')).toBe(false);
    expect(find(dev, 'TOM-VLT-04', 'DevScratchBucket').status).toBe('fail');
  });

  it('reads Fn::If statements in a KMS key policy: AWS "*" in dev is found', () => {
    expect(find(defaults, 'TOM-VLT-11', 'DataKey').status).toBe('pass');
    expect(find(dev, 'TOM-VLT-11', 'DataKey')).toMatchObject({ status: 'fail', path: 'KeyPolicy.Statement[1].Principal' });
  });

  it('finds a bucket policy attached through the bucket\'s Fn::Sub name', () => {
    expect(find(defaults, 'TOM-VLT-05', 'DataBucket')).toMatchObject({ status: 'pass', reason: expect.stringContaining('DataBucketPolicy') });
    expect(find(defaults, 'TOM-VLT-05', 'LogBucket').status).toBe('pass');
  });

  it('evaluates Sub, Join, Select, Split, FindInMap (with --aws-region) and Base64 into values', () => {
    const inv = readInventory([DATA_YAML], { cloudformation: { region: 'eu-west-1' } });
    const bucket = inv.resources.find((r) => r.address === 'DataBucket')!;
    expect(bucket.values.BucketName).toEqual({ 'Fn::Sub': '${AWS::StackName}-prod-data' });
    expect((bucket.values.LoggingConfiguration as Record<string, unknown>).LogFilePrefix).toBe('dub/data');
    const template = inv.resources.find((r) => r.address === 'AppTemplate')!.values.LaunchTemplateData as Record<string, unknown>;
    expect(Buffer.from(template.UserData as string, 'base64').toString()).toBe('#!/bin/sh\necho prod\n');
    expect(JSON.stringify(template.TagSpecifications)).toContain('"Value":"a,b"');
    const subnet = inv.resources.find((r) => r.address === 'AppSubnet')!.values;
    expect(subnet.VpcId).toEqual({ $unknown: expect.stringContaining('Fn::ImportValue "shared-vpc-id"') });
  });

  it('refuses a parameter value the template does not allow', () => {
    expect(() => readInventory([DATA_YAML], { cloudformation: { parameters: { Environment: 'staging' } } })).toThrow(/Environment is "staging"; the template allows "dev", "prod"/);
  });
});

describe('region', () => {
  it('is unknown without a recorded region or --aws-region, and decided by --aws-region', () => {
    const none = find(auditPaths({ paths: [DATA_YAML] }), 'TOM-VLT-01', 'data-stack');
    expect(none).toMatchObject({ status: 'unknown', reason: expect.stringContaining('pass `--aws-region`, or synthesize with an explicit env') });
    expect(find(auditPaths({ paths: [DATA_YAML], cloudformation: { region: 'eu-central-1' } }), 'TOM-VLT-01', 'data-stack').status).toBe('pass');
    expect(find(auditPaths({ paths: [DATA_YAML], cloudformation: { region: 'us-east-1' } }), 'TOM-VLT-01', 'data-stack').status).toBe('fail');
  });
});

describe('controls scoped to what a bucket is for', () => {
  const r = auditPaths({ paths: [`${DIR}/scoping/vault-and-ordinary.yaml`], cloudformation: { region: 'eu-central-1' } });

  it('applies the vault controls to the tagged vault only', () => {
    for (const id of ['TOM-VLT-03', 'TOM-VLT-07', 'TOM-VLT-08']) expect(find(r, id, 'Vault')).toMatchObject({ status: 'pass', reason: expect.stringContaining('[scope: backup vault') });
    for (const id of ['TOM-VLT-07', 'TOM-VLT-08']) expect(find(r, id, 'Assets')).toMatchObject({ status: 'not-applicable', reason: expect.stringContaining('[scope: general S3 baseline]') });
  });

  it('passes an ordinary AES256 bucket, and states SSE-S3 by default as a fact', () => {
    expect(find(r, 'TOM-VLT-03', 'Assets')).toMatchObject({ status: 'pass', reason: expect.stringMatching(/^encrypted with AES256 \[scope: general S3 baseline\]/) });
    expect(find(r, 'TOM-VLT-03', 'Reports')).toMatchObject({ status: 'pass', reason: expect.stringContaining('SSE-S3 (AES-256) by default since 5 January 2023') });
  });

  it('matches a policy by Fn::Sub name against a Fn::Join bucket name', () => {
    expect(find(r, 'TOM-VLT-05', 'Assets')).toMatchObject({ status: 'pass', reason: expect.stringContaining('AssetsPolicy') });
  });

  it('gives the vault controls to a bucket named with --vault-bucket', () => {
    const named = auditPaths({ paths: [`${DIR}/scoping/vault-and-ordinary.yaml`], cloudformation: { vaultBuckets: ['Assets'] } });
    expect(find(named, 'TOM-VLT-03', 'Assets')).toMatchObject({ status: 'fail', reason: expect.stringContaining('[scope: backup vault, named by --vault-bucket]') });
    expect(find(named, 'TOM-VLT-07', 'Assets').status).toBe('fail');
  });
});

describe('Fn::ForEach', () => {
  it('expands a static collection into resources, named *.template.json', () => {
    const r = auditPaths({ paths: [`${DIR}/scoping/foreach.template.json`] });
    expect(find(r, 'TOM-VLT-05', 'redBucket')).toMatchObject({ status: 'pass', reason: expect.stringContaining('redBucketPolicy') });
    expect(find(r, 'TOM-VLT-05', 'blueBucket').status).toBe('pass');
    const green = auditPaths({ paths: [`${DIR}/scoping/foreach.template.json`], cloudformation: { parameters: { Teams: 'green' } } });
    expect(green.findings.some((f) => f.address === 'redBucket')).toBe(false);
    expect(find(green, 'TOM-VLT-06', 'greenBucket').status).toBe('pass');
  });
});

describe('values known only at deploy', () => {
  const r = auditPaths({ paths: [`${DIR}/bad/macro-and-unknowns.yaml`], cloudformation: { region: 'eu-central-1' } });

  it('gives unknown naming the required parameter, the import and the unknown intrinsic', () => {
    expect(find(r, 'TOM-VLT-03', 'Data')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('parameter Encryption has no Default; pass --cfn-parameter Encryption=VALUE') });
    expect(find(r, 'TOM-VLT-04', 'Data')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('Fn::ImportValue "shared-public-access-block"') });
    expect(find(r, 'TOM-VLT-06', 'Data')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('Fn::Foo is not an intrinsic function') });
    expect(find(r, 'TOM-VLT-05', 'Data').status).toBe('unknown');
  });

  it('lists SAM resources as not audited', () => {
    expect(r.stacks[0].notes).toEqual([expect.stringContaining('not audited (SAM resources; no control covers them): Api (AWS::Serverless::Function)')]);
  });

  it('reads a macro template with every value unknown and a note, not exit 2', () => {
    const m = auditPaths({ paths: [`${DIR}/bad/macro.yaml`] });
    expect(m.stacks[0].notes?.[0]).toMatch(/macro\(s\) AcmeTagger/);
    const data = m.findings.filter((f) => f.address === 'Data' && f.controlId.startsWith('TOM-VLT'));
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((f) => f.status === 'unknown' || f.status === 'inherited')).toBe(true);
  });
});

describe('bad input', () => {
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    return { code, text: out.join('\n') };
  };

  it('exits 2 on a YAML syntax error, naming file, line and column', async () => {
    expect(await cli(`${DIR}/bad/syntax-error.yaml`)).toEqual({ code: 2, text: expect.stringMatching(/syntax-error\.yaml: not valid YAML at line 6, column 1/) });
  });

  it('exits 2 on a circular condition, naming it', async () => {
    expect(await cli(`${DIR}/bad/circular-condition.yaml`)).toEqual({ code: 2, text: expect.stringContaining('circular condition A → B → A') });
  });

  it('reads a folder of YAML and JSON templates, skipping other YAML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-folder-'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'ci.yml'), 'on: push\njobs: { build: { runs-on: ubuntu-latest } }\n');
    writeFileSync(join(dir, 'values.yaml'), 'a: [unclosed\n');
    writeFileSync(join(dir, 'legacy.template'), '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": {\n');
    writeFileSync(join(dir, 'stack.yml'), 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n');
    expect(() => readInventory([dir])).toThrow(/legacy\.template: not valid YAML at line 2/);
    rmSync(join(dir, 'legacy.template'));
    const inv = readInventory([dir]);
    expect(inv.stacks.map((s) => s.name)).toEqual(['stack']);
  });

  it('takes --cfn-parameter, --cfn-parameters-file and --aws-region on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-params-'));
    const file = join(dir, 'params.json');
    writeFileSync(file, JSON.stringify([{ ParameterKey: 'Environment', ParameterValue: 'dev' }]));
    const { code, text } = await cli(DATA_YAML, '--cfn-parameters-file', file, '--cfn-parameter', 'BlockPublic=false', '--aws-region', 'eu-central-1', '--format', 'json');
    expect(code).toBe(1);
    const result = JSON.parse(text) as AuditResult;
    expect(find(result, 'TOM-VLT-11', 'DataKey').status).toBe('fail');
    expect(find(result, 'TOM-VLT-01', 'data-stack').status).toBe('pass');
    expect((await cli(DATA_YAML, '--cfn-parameter', 'novalue')).code).toBe(2);
    expect((await cli(DATA_YAML, '--aws-region', 'mars')).code).toBe(2);
  });

  it('prints what was not audited in the summary', async () => {
    const { code, text } = await cli(`${DIR}/bad/macro.yaml`, '--unknown', 'warn', '--aws-region', 'eu-central-1');
    expect(text).toContain('Note (macro): the template runs the macro(s) AcmeTagger');
    expect(text).toMatch(/finding\(s\) are unknown.*--unknown warn: not blocking/);
    expect(code).toBe(0); // every verdict on the macro's resource is unknown, and --unknown warn does not block
  });

  it('reads the parameter file formats of deploy, create-stack and CodePipeline', () => {
    expect(parseParametersFile(['A=1', 'B=x=y'], 'p')).toEqual({ A: '1', B: 'x=y' });
    expect(parseParametersFile({ Parameters: { A: 1 } }, 'p')).toEqual({ A: '1' });
    expect(() => parseParametersFile([{ ParameterKey: 'A', UsePreviousValue: true }], 'p')).toThrow(/UsePreviousValue/);
  });
});

describe('suppressions in template metadata', () => {
  const r = auditPaths({ paths: [`${DIR}/scoping/vault-and-ordinary.yaml`], cloudformation: { region: 'eu-central-1' } });

  it('waive a failing finding only with a reason, shown with the template as owner', () => {
    expect(find(r, 'TOM-VLT-09', 'Assets')).toMatchObject({
      status: 'waived',
      waiver: { control: 'TOM-VLT-09', owner: expect.stringContaining('template metadata (test/fixtures/cloudformation/scoping/vault-and-ordinary.yaml)'), reason: expect.stringContaining('checkov CKV_AWS_18') },
    });
    expect(r.summary.compliant).toBe(true);
  });

  it('are not honoured without a reason that is a sentence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-nag-'));
    writeFileSync(
      join(dir, 'short.yaml'),
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - { id: AwsSolutions-S1, reason: ok }\n',
    );
    expect(find(auditPaths({ paths: [dir] }), 'TOM-VLT-09', 'B')).toMatchObject({ status: 'fail', reason: expect.stringContaining('suppresses cdk-nag AwsSolutions-S1 without a reason that is a sentence, so it is not honoured') });
  });
});
