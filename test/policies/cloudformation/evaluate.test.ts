/** The evaluator's edge cases, on templates written inline (the fixtures cover the common paths). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditPaths } from '../../../policies/gate';
import { readInventory } from '../../../policies/inventory';
import type { CloudFormationOptions } from '../../../policies/readers/cloudformation/evaluate';
import type { Inventory } from '../../../policies/types';

const dir = mkdtempSync(join(tmpdir(), 'cfn-eval-'));
let n = 0;
/** Writes a YAML template and reads it. */
function read(yaml: string, options: CloudFormationOptions = {}, name = `t${++n}.yaml`): Inventory {
  writeFileSync(join(dir, name), yaml);
  return readInventory([join(dir, name)], { cloudformation: options });
}
const values = (inv: Inventory, id: string) => inv.resources.find((r) => r.address === id)!.values;

describe('intrinsics', () => {
  it('keeps ${!Literal} escapes, and turns Join over references into one Sub text', () => {
    const inv = read(`Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      Escaped: !Sub "\${!Literal}-\${AWS::Region}"
      Joined: !Join ["", ["arn:", !Ref "AWS::Partition", ":s3:::", !Ref B, "/*"]]
      Plain: !Join ["-", [a, "\${x}"]]
      Att: !Sub "\${B.Arn}"
`, { region: 'eu-west-3' });
    expect(values(inv, 'B')).toEqual({ Escaped: '${Literal}-eu-west-3', Joined: { 'Fn::Sub': 'arn:aws:s3:::${B}/*' }, Plain: 'a-${x}', Att: { 'Fn::GetAtt': ['B', 'Arn'] } });
  });

  it('marks references to missing resources, FindInMap misses, and Length/ToJsonString', () => {
    const inv = read(`Transform: AWS::LanguageExtensions
Mappings:
  M: { a: { b: found } }
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      Missing: !GetAtt Nope.Arn
      Found: !FindInMap [M, a, b]
      Fallback: !FindInMap [M, x, y, { DefaultValue: dflt }]
      Miss: !FindInMap [M, x, y]
      Count: !Length [1, 2, 3]
      Json: !ToJsonString { k: v }
`);
    const v = values(inv, 'B');
    expect(v.Missing).toEqual({ $unknown: expect.stringContaining('names no resource') });
    expect(v.Found).toBe('found');
    expect(v.Fallback).toBe('dflt');
    expect(v.Miss).toEqual({ $unknown: expect.stringContaining('finds nothing in Mappings') });
    expect(v.Count).toBe(3);
    expect(v.Json).toBe('{"k":"v"}');
  });

  it('keeps a Fn::If on an unknown condition known when both branches agree', () => {
    const inv = read(`Parameters:
  Env: { Type: String }
Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:
  B:
    Type: AWS::S3::Bucket
    Condition: Prod
    Properties:
      Same: !If [Prod, x, x]
      Differs: !If [Prod, x, y]
`);
    expect(values(inv, 'B').Same).toBe('x');
    expect(values(inv, 'B').Differs).toEqual({ $unknown: expect.stringMatching(/condition Prod.*parameter Env has no Default/), $branches: [{ value: 'x' }, { value: 'y' }] });
    expect(inv.stacks[0].notes).toEqual([expect.stringContaining('B exists only if condition Prod holds, which is unknown')]);
  });

  it('applies STACK:NAME parameters to that stack only', () => {
    const yaml = 'Parameters:\n  P: { Type: String, Default: d }\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: !Ref P }\n';
    expect(values(read(yaml, { parameters: { 'one:P': 'x', P: 'y' } }, 'one.yaml'), 'B').BucketName).toBe('x');
    expect(values(read(yaml, { parameters: { 'one:P': 'x', P: 'y' } }, 'two.yaml'), 'B').BucketName).toBe('y');
    expect(() => read(yaml, { parameters: { 'three:Typo': 'x' } }, 'three.yaml')).toThrow(/--cfn-parameter three:Typo names no parameter of stack three \(declared: P\)/);
  });
});

describe('Fn::ForEach', () => {
  it('expands nested loops, &{} identifiers and property-level loops', () => {
    const inv = read(`Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Outer:
    - Env
    - [dev, prod]
    - Fn::ForEach::Inner:
        - Name
        - [a.b, c]
        - "&{Name}\${Env}Bucket":
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "\${Name}-\${Env}"
              Tags:
                - Fn::ForEach::T: [K, [x, y], { "\${K}": { Key: !Ref K, Value: !Ref Env } }]
`);
    expect(inv.resources.map((r) => r.address).sort()).toEqual(['abdevBucket', 'abprodBucket', 'cdevBucket', 'cprodBucket']);
    expect(values(inv, 'abprodBucket').BucketName).toBe('a.b-prod');
  });

  it('gives an unknown member when the collection is known only at deploy', () => {
    const inv = read(`Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - "\${Name}Bucket": { Type: AWS::S3::Bucket }
`);
    expect(inv.resources.map((r) => r.address)).toEqual(['*Bucket']);
    expect(inv.stacks[0].notes?.[0]).toMatch(/parameter Names has no Default/);
  });

  it('refuses an expansion bomb', () => {
    const items = `[${Array.from({ length: 30 }, (_, i) => `i${i}`).join(', ')}]`;
    const nest = (depth: number): string =>
      depth === 0 ? `"\${A}\${B}\${C}\${D}": { Type: AWS::S3::Bucket }` : `Fn::ForEach::L${depth}: [${'ABCD'[depth - 1]}, ${items}, { ${nest(depth - 1)} }]`;
    expect(() => read(`Transform: AWS::LanguageExtensions\nResources:\n  ${nest(4)}\n`)).toThrow(/more than 10000 members/);
  });
});

describe('the region of a cdk.out stack', () => {
  it('is unknown for an environment-agnostic stack, and --aws-region decides it', () => {
    const out = join(dir, 'cdk.out');
    mkdirSync(out);
    writeFileSync(join(out, 'Agnostic.template.json'), JSON.stringify({ Resources: { B: { Type: 'AWS::SQS::Queue' } } }));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { Agnostic: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Agnostic.template.json' } } } }));
    const region = (options: CloudFormationOptions) => auditPaths({ paths: [out], cloudformation: options }).findings.find((f) => f.controlId === 'TOM-VLT-01')!;
    expect(region({}).status).toBe('unknown');
    expect(region({ region: 'eu-north-1' })).toMatchObject({ status: 'pass', reason: 'deploys to eu-north-1' });
  });

  it('takes AWS::AccountId and AWS::Region from the manifest environment', () => {
    const out = join(dir, 'cdk.out.env');
    mkdirSync(out);
    writeFileSync(join(out, 'Env.template.json'), JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'logs-${AWS::AccountId}-${AWS::Region}-${AWS::Partition}' } } } } }));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { Env: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/eu-central-1', properties: { templateFile: 'Env.template.json' } } } }));
    expect(readInventory([out]).resources[0].values.BucketName).toBe('logs-123456789012-eu-central-1-aws');
  });

  it('refuses a --vault-bucket that names no bucket', () => {
    writeFileSync(join(dir, 'v.yaml'), 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n');
    expect(() => auditPaths({ paths: [join(dir, 'v.yaml')], cloudformation: { vaultBuckets: ['Typo'] } })).toThrow(/--vault-bucket "Typo" matches no AWS::S3::Bucket/);
  });
});

describe('IAM scope', () => {
  it('holds policies that reach the vault to the writer rules, and others to the general baseline', () => {
    writeFileSync(
      join(dir, 'iam.yaml'),
      `Resources:
  Vault:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{ Key: eu-tom-kit:purpose, Value: backup-vault }]
  Uploads:
    Type: AWS::S3::Bucket
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: ["s3:GetObject", "s3:DeleteObject"], Resource: !Sub "\${Uploads.Arn}/*" }]
  VaultCleaner:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: "s3:DeleteObject", Resource: !Sub "\${Vault.Arn}/*" }]
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: "iam:AttachRolePolicy", Resource: !GetAtt Uploads.Arn }]
`,
    );
    const r = auditPaths({ paths: [join(dir, 'iam.yaml')] });
    const of = (a: string) => r.findings.find((f) => f.controlId === 'TOM-VLT-10' && f.address === a)!;
    expect(of('AppPolicy')).toMatchObject({ status: 'pass', reason: expect.stringContaining('[scope: general IAM baseline]') });
    expect(of('VaultCleaner')).toMatchObject({ status: 'fail', reason: expect.stringContaining('[scope: backup vault, the policy reaches the vault]') });
    expect(of('Admin')).toMatchObject({ status: 'fail', reason: expect.stringContaining('iam:AttachRolePolicy') });
  });
});

describe('Fn::If on a condition known only at deploy', () => {
  it('decides when every branch gives the same verdict, and is unknown otherwise', () => {
    writeFileSync(
      join(dir, 'branches.yaml'),
      `Parameters:
  UseKms: { Type: String }
Conditions:
  Kms: !Equals [!Ref UseKms, "true"]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }
            Action: "kms:*"
            Resource: "*"
          - !If [Kms, { Effect: Allow, Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }, !Ref AWS::NoValue]
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: !If [Kms, { SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key }, { SSEAlgorithm: AES256 }]
      VersioningConfiguration: !If [Kms, { Status: Enabled }, !Ref AWS::NoValue]
  Vault:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{ Key: eu-tom-kit:purpose, Value: backup-vault }]
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: !If [Kms, { SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key }, { SSEAlgorithm: AES256 }]
`,
    );
    const r = auditPaths({ paths: [join(dir, 'branches.yaml')] });
    const of = (c: string, a: string) => r.findings.find((f) => f.controlId === c && f.address === a)!;
    expect(of('TOM-VLT-03', 'Data')).toMatchObject({ status: 'pass', reason: expect.stringContaining('(on every branch of Fn::If on condition Kms)') });
    expect(of('TOM-VLT-03', 'Vault')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('its branches give pass and fail') });
    expect(of('TOM-VLT-06', 'Data')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('parameter UseKms has no Default') });
    expect(of('TOM-VLT-11', 'Key')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('its branches give fail and pass') });
  });
});

describe('the vault marker', () => {
  it('is unknown when a tag is known only at deploy, so the vault controls cannot quietly fall away', () => {
    writeFileSync(
      join(dir, 'tag.yaml'),
      'Parameters:\n  V: { Type: String }\nConditions:\n  IsVault: !Equals [!Ref V, "yes"]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - !If [IsVault, { Key: eu-tom-kit:purpose, Value: backup-vault }, !Ref AWS::NoValue]\n',
    );
    const r = auditPaths({ paths: [join(dir, 'tag.yaml')] });
    expect(r.findings.find((f) => f.controlId === 'TOM-VLT-07' && f.address === 'B')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('a tag is known only at deploy') });
  });
});

describe('names that are also Object.prototype members', () => {
  it('read as names: a parameter "constructor", a mapping key "toString", a Sub variable "hasOwnProperty"', () => {
    const inv = read(`Parameters:
  constructor: { Type: String }
Mappings:
  M: { a: { b: c } }
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      FromParameter: !Ref constructor
      FromMapping: !FindInMap [M, a, toString]
      FromSub: !Sub "\${hasOwnProperty}"
`);
    const v = values(inv, 'B');
    expect(v.FromParameter).toEqual({ $unknown: expect.stringContaining('parameter constructor has no Default') });
    expect(v.FromMapping).toEqual({ $unknown: expect.stringContaining('finds nothing in Mappings') });
    expect(v.FromSub).toEqual({ $unknown: expect.stringContaining('Ref hasOwnProperty names no parameter or resource') });
    expect(values(read('Parameters:\n  constructor: { Type: String }\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { N: !Ref constructor }\n', { parameters: { constructor: 'given' } }), 'B').N).toBe('given');
  });
});
