/**
 * The off-site vault as CloudFormation: every promised property asserted on
 * the synthesized template, cdk-nag's verdict, the region in the manifest,
 * and refusal of weaker settings. One synth per describe keeps this file fast.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { BackupVault, BackupVaultPropsError } from '../../constructs/backup-vault';
import {
  backupVaultEnvironments,
  BackupVaultNagError,
  buildBackupVaultApp,
  synthBackupVaultApp,
  synthBackupVaults,
  type BackupVaultApp,
  type BackupVaultEnvironment,
  type NagFinding,
} from '../../stacks/backup-vault-app';
import { exampleRun } from '../support/example-synth';

const PROD: BackupVaultEnvironment = { name: 'prod', stage: 'prod', retentionDays: 14 };

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, any>; Principal?: unknown; Sid?: string };

const tmpDirs: string[] = [];
function tmpOutdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backup-vault-'));
  tmpDirs.push(dir);
  return join(dir, 'cdk.out');
}
afterAll(() => tmpDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, got none');
}

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** The single resource of a type matching `props`, with its logical id. */
function only(template: Template, type: string, props?: Record<string, unknown>): [string, Resource] {
  const found = Object.entries(template.findResources(type, props ? { Properties: Match.objectLike(props) } : undefined));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe('backup-vault-prod (synthesized with cdk-nag)', () => {
  let outdir: string;
  let handle: BackupVaultApp;
  let template: Template;
  let vaultId: string;
  let logsId: string;
  let keyId: string;

  beforeAll(() => {
    outdir = tmpOutdir();
    handle = buildBackupVaultApp([PROD], outdir);
    template = Template.fromStack(handle.stacks[0]);
    [keyId] = only(template, 'AWS::KMS::Key');
    [vaultId] = only(template, 'AWS::S3::Bucket', { ObjectLockEnabled: true });
    [logsId] = only(template, 'AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
  });

  it('has a customer-managed KMS key with rotation', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts the vault with SSE-KMS under that key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt(keyId) } }] },
    });
  });

  it('blocks public access and keeps versions on both buckets', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as Resource[];
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
  });

  it('denies every request without TLS on both buckets', () => {
    for (const bucketId of [vaultId, logsId]) {
      const [, policy] = only(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId } });
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('refuses uploads that ask for another encryption than the vault key', () => {
    const [, policy] = only(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: vaultId } });
    const denied = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((s) => s.Effect === 'Deny' && s.Action === 's3:PutObject');
    expect(denied.map((s) => s.Condition)).toEqual([
      { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': getAtt(keyId) } },
      { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
    ]);
  });

  it('locks every version in COMPLIANCE mode for 14 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 14 } } },
    });
  });

  it('expires current and noncurrent versions the day after the lock, and stale uploads', () => {
    const [, vault] = only(template, 'AWS::S3::Bucket', { ObjectLockEnabled: true });
    expect(vault.Properties.LifecycleConfiguration.Rules).toEqual([
      {
        Id: 'expire-after-retention',
        Status: 'Enabled',
        ExpirationInDays: 15,
        NoncurrentVersionExpiration: { NoncurrentDays: 15 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ]);
  });

  it('logs vault access into the second, encrypted bucket that only S3 logging may write to', () => {
    template.hasResourceProperties('AWS::S3::Bucket', { ObjectLockEnabled: true, LoggingConfiguration: { DestinationBucketName: { Ref: logsId } } });
    expect(logsId).not.toBe(vaultId);
    const [, policy] = only(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: logsId } });
    const allows = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': getAtt(vaultId) } }) }),
    ]);
  });

  describe('the backup writer', () => {
    let allowed: Statement[];

    beforeAll(() => {
      const policies = Object.values({ ...template.findResources('AWS::IAM::ManagedPolicy'), ...template.findResources('AWS::IAM::Policy') }) as Resource[];
      allowed = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]).filter((s) => s.Effect === 'Allow');
    });

    it('is one IAM user, with no access key in the template and no policy of its own', () => {
      const [userId, user] = only(template, 'AWS::IAM::User');
      template.resourceCountIs('AWS::IAM::AccessKey', 0);
      expect(user.Properties.Policies).toBeUndefined();
      expect(user.Properties.ManagedPolicyArns).toBeUndefined();
      const [groupId, group] = only(template, 'AWS::IAM::Group');
      expect(user.Properties.Groups).toEqual([{ Ref: groupId }]);
      const [policyId] = only(template, 'AWS::IAM::ManagedPolicy');
      expect(group.Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
      expect(userId).toMatch(/Writer/);
    });

    it('may put and get objects under its prefix only', () => {
      const objects = allowed.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')) && !actionsOf(s).includes('s3:ListBucket'));
      expect(objects).toEqual([
        expect.objectContaining({ Action: ['s3:PutObject', 's3:GetObject'], Resource: { 'Fn::Join': ['', [getAtt(vaultId), '/backups/*']] } }),
      ]);
      expect(objects[0].Condition).toBeUndefined();
    });

    it('may list the bucket only under its prefix', () => {
      const list = allowed.filter((s) => actionsOf(s).includes('s3:ListBucket'));
      expect(list).toEqual([
        expect.objectContaining({ Action: 's3:ListBucket', Resource: getAtt(vaultId), Condition: { StringLike: { 's3:prefix': ['backups/*'] } } }),
      ]);
    });

    it('may use the key only for encrypt, decrypt and data keys, and only through S3 in eu-central-1', () => {
      const kms = allowed.filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
      expect(kms).toEqual([
        expect.objectContaining({
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: getAtt(keyId),
          Condition: { StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } },
        }),
      ]);
    });

    it('has exactly these actions: no delete, no wildcard, no bucket or retention changes', () => {
      const actions = allowed.flatMap(actionsOf).sort();
      expect(actions).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
      expect(allowed.filter((s) => s.Resource === '*')).toEqual([]);
    });
  });

  it('passes cdk-nag with every finding acknowledged for a specific reason', () => {
    const findings: NagFinding[] = handle.nagFindings();
    // The recorder must see the findings the design acknowledges, or this test proves nothing.
    expect(findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['NIST.800.53.R5-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3DefaultEncryptionKMS', `AwsSolutions-IAM5[Resource::<${vaultId}.Arn>/backups/*]`]),
    );
    expect(findings.filter((f) => !f.acknowledged)).toEqual([]);
    for (const finding of findings) {
      expect(finding).toMatchObject({ stack: 'backup-vault-prod', level: expect.stringMatching(/^(error|warning)$/), message: expect.any(String) });
      expect(finding.reason?.length ?? 0).toBeGreaterThanOrEqual(20);
      expect(template.toJSON().Resources[finding.resource]).toBeDefined();
    }
  });

  it('writes each acknowledgement into the template metadata for auditors', () => {
    const vault = template.toJSON().Resources[vaultId] as Resource;
    expect(vault.Metadata?.cdk_nag?.rules_to_suppress).toContainEqual({ id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: expect.stringMatching(/.{20}/) });
  });

  it('records eu-central-1 for the stack in manifest.json', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['backup-vault-prod'].environment).toBe('aws://unknown-account/eu-central-1');
  });

  it('protects the prod stack from termination', () => {
    expect(handle.stacks[0].terminationProtection).toBe(true);
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('synthBackupVaults', () => {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  let outdir: string;
  let result: ReturnType<typeof synthBackupVaults>;

  beforeAll(() => {
    process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
    outdir = tmpOutdir();
    result = synthBackupVaults([{ name: 'staging', stage: 'staging', retentionDays: 30, writerPrefix: 'db/staging' }, PROD], outdir);
  });
  afterAll(() => {
    if (account === undefined) delete process.env.CDK_DEFAULT_ACCOUNT;
    else process.env.CDK_DEFAULT_ACCOUNT = account;
  });

  it('writes one template per environment, in order, and records account and region', () => {
    expect(result.templates).toEqual([join(outdir, 'backup-vault-staging.template.json'), join(outdir, 'backup-vault-prod.template.json')]);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['backup-vault-staging'].environment).toBe('aws://123456789012/eu-central-1');
    expect(manifest.artifacts['backup-vault-prod'].environment).toBe('aws://123456789012/eu-central-1');
  });

  it("applies each environment's retention and prefix", () => {
    const staging = Template.fromJSON(JSON.parse(readFileSync(result.templates[0], 'utf8')));
    staging.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 31, NoncurrentVersionExpiration: { NoncurrentDays: 31 } })] },
    });
    staging.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': ['db/staging/*'] } } })]) },
    });
  });

  it('returns the cdk-nag findings of every stack, all acknowledged', () => {
    expect([...new Set(result.nagFindings.map((f) => f.stack))].sort()).toEqual(['backup-vault-prod', 'backup-vault-staging']);
    expect(result.nagFindings.every((f) => f.acknowledged)).toBe(true);
  });

  it('writes the findings beside each template, where the audit reads them as TOM-VLT-13 evidence', () => {
    const { readInventory } = require('../../policies/inventory') as typeof import('../../policies/inventory');
    const written = JSON.parse(readFileSync(join(outdir, 'backup-vault-prod.nag-findings.json'), 'utf8'));
    expect(written.findings).toEqual(result.nagFindings.filter((f) => f.stack === 'backup-vault-prod'));
    const nag = readInventory([outdir]).resources.filter((r) => r.type === 'CdkNag::Finding');
    expect(nag).toHaveLength(result.nagFindings.length);
    expect(nag[0].address).toBe(`${nag[0].values.resource}#${nag[0].values.ruleId}`);
  });
});

describe('the vaults `npm run synth` writes from its worker thread', () => {
  // The run's one synth of the example (test/support/example-synth.ts) against one in-process synth of the same config.
  it('are byte for byte what an in-process synth of the same config writes', async () => {
    const run = await exampleRun();
    const inProcess = tmpOutdir();
    synthBackupVaults(backupVaultEnvironments(loadConfig(DEFAULT_CONFIG)), inProcess);
    for (const name of ['backup-vault-prod', 'backup-vault-staging']) {
      for (const file of [`${name}.template.json`, `${name}.nag-findings.json`]) {
        expect(readFileSync(join(run.cdkOut, file), 'utf8')).toBe(readFileSync(join(inProcess, file), 'utf8'));
      }
    }
  }, 240_000);
});

describe('refusals', () => {
  it('stops the synth on an unacknowledged cdk-nag finding and names it', () => {
    const handle = buildBackupVaultApp([PROD], tmpOutdir());
    new s3.Bucket(handle.stacks[0], 'Unlogged', { enforceSSL: true });
    const error = catchError(() => synthBackupVaultApp(handle));
    expect(error).toBeInstanceOf(BackupVaultNagError);
    expect(error.message).toMatch(/backup-vault-prod Unlogged\w* AwsSolutions-S1 \(error\)/);
  });

  it('refuses a 7-day retention, naming the field, before writing anything', () => {
    const outdir = tmpOutdir();
    const error = catchError(() => synthBackupVaults([{ ...PROD, retentionDays: 7 }], outdir));
    expect(error).toBeInstanceOf(BackupVaultPropsError);
    expect(error.message).toMatch(/environments\[0\] \("prod"\): retentionDays is 7; it must be a whole number of days from 14/);
    expect(existsSync(outdir)).toBe(false);
  });

  it('lists every problem of every environment at once', () => {
    const envs = [
      { name: 'prod', stage: 'production', retentionDays: 14.5 },
      { name: 'prod', stage: 'prod', retentionDays: 14, writerPrefix: 'backups/*' },
      { name: 'Bad_Name', stage: 'dev', retentionDays: 400 },
    ] as unknown as BackupVaultEnvironment[];
    const { message } = catchError(() => synthBackupVaults(envs, tmpOutdir()));
    expect(message).toMatch(/environments\[0\] \("prod"\): stage is "production"; it must be one of dev, staging, prod/);
    expect(message).toMatch(/environments\[0\] \("prod"\): retentionDays is 14.5/);
    expect(message).toMatch(/environments\[1\] \("prod"\): name "prod" is used twice/);
    expect(message).toMatch(/environments\[1\] \("prod"\): writerPrefix is "backups\/\*"; .*no wildcards/);
    expect(message).toMatch(/environments\[2\] \("Bad_Name"\): name is "Bad_Name"/);
    expect(message).toMatch(/environments\[2\] \("Bad_Name"\): retentionDays is 400; .* to 196/);
  });

  it('refuses a malformed CDK_DEFAULT_ACCOUNT', () => {
    const account = process.env.CDK_DEFAULT_ACCOUNT;
    process.env.CDK_DEFAULT_ACCOUNT = 'my-account';
    try {
      expect(() => synthBackupVaults([PROD], tmpOutdir())).toThrow(/CDK_DEFAULT_ACCOUNT is "my-account"; it must be a 12-digit AWS account id/);
    } finally {
      if (account === undefined) delete process.env.CDK_DEFAULT_ACCOUNT;
      else process.env.CDK_DEFAULT_ACCOUNT = account;
    }
  });

  it('refuses weak props on the construct itself', () => {
    const stack = new Stack(new App(), 'Direct', { env: { region: 'eu-central-1' } });
    expect(() => new BackupVault(stack, 'Vault', { retentionDays: 7 })).toThrow(/retentionDays is 7/);
    expect(() => new BackupVault(stack, 'Vault2', { writerPrefix: '/backups/' })).toThrow(/writerPrefix is "\/backups\/"/);
  });
});

describe('the unsafeGovernanceMode opt-out', () => {
  it('shows up in the template as GOVERNANCE mode', () => {
    // No nag plugins here, and no CloudFormation schema check (seconds per synth).
    const stack = new Stack(new App({ outdir: tmpOutdir(), builtinCloudFormationValidation: false }), 'Disposable', { env: { region: 'eu-central-1' } });
    new BackupVault(stack, 'Vault', { unsafeGovernanceMode: true });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 14 } } },
    });
  });
});
