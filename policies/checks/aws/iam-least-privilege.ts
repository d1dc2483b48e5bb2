import { fail, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { isRecord } from '../../values';
import { actionPattern, cfnText, decide, list, statementsOf } from './helpers/cloudformation';
import type { Statement } from './helpers/cloudformation';
import { bucketScope } from './helpers/s3';

/**
 * Actions that would let a leaked backup-writer credential destroy or expose
 * the vault: delete backups, shorten their protection, rewrite the bucket's
 * guards, disable the key, or grant itself more. An Allow whose action
 * pattern covers any of them fails (so `*`, `s3:*`, `s3:Delete*` all fail).
 */
export const FORBIDDEN_ACTIONS: readonly string[] = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketPolicy',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutEncryptionConfiguration',
  's3:BypassGovernanceRetention',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:PutKeyPolicy',
  'iam:PutUserPolicy',
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
];

/** AWS-managed policies that grant administrator or full S3/IAM rights. */
const BROAD_MANAGED_POLICIES = /:policy\/(AdministratorAccess|PowerUserAccess|AmazonS3FullAccess|IAMFullAccess|AWSKeyManagementServicePowerUser)$/;

/**
 * Outside the vault's reach (general IAM baseline) only what is dangerous in
 * any account fails: every action, NotAction, self-escalation, administrator
 * policies. Deleting objects of one's own bucket is an ordinary right there.
 */
const GENERAL_FORBIDDEN: readonly string[] = FORBIDDEN_ACTIONS.filter((a) => a.startsWith('iam:'));
const ADMIN_MANAGED_POLICIES = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

/**
 * True when the IAM resource can reach a backup-vault bucket of its stack:
 * it references the bucket or its KMS key, names its literal bucket name, or
 * grants on Resource "*" / NotResource or through a broad AWS-managed policy.
 */
function reachesVault(resource: InventoryResource, index: InventoryIndex): boolean {
  const vaults = index.byType('AWS::S3::Bucket', resource.stack).filter((b) => bucketScope(b).kind === 'vault');
  if (vaults.length === 0) return false;
  const refs = new Set(resource.references);
  const keys = vaults.flatMap((v) => index.referencedBy(v, 'AWS::KMS::Key'));
  if (vaults.some((v) => refs.has(v.address)) || keys.some((k) => refs.has(k.address))) return true;
  const text = JSON.stringify(resource.values);
  if (vaults.some((v) => typeof v.values.BucketName === 'string' && v.values.BucketName !== '' && text.includes(v.values.BucketName))) return true;
  const everywhere = documentsOf(resource).some(({ document, path }) =>
    statementsOf(document, path).some(({ statement }) => statement.Effect === 'Allow' && (statement.NotResource !== undefined || list(statement.Resource).map(cfnText).includes('*'))),
  );
  return everywhere || list(resource.values.ManagedPolicyArns).some((arn) => BROAD_MANAGED_POLICIES.test(cfnText(arn)));
}

/** The policy documents a resource carries, with their paths. */
function documentsOf(resource: InventoryResource): { document: unknown; path: string }[] {
  if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
    return [{ document: resource.values.PolicyDocument, path: 'PolicyDocument' }];
  }
  return list(resource.values.Policies).map((p, i) => ({ document: isRecord(p) ? p.PolicyDocument : undefined, path: `Policies[${i}].PolicyDocument` }));
}

/** Why one Allow statement is too broad, with its path; undefined when it is not. */
function statementProblem({ statement, path }: Statement, vault: boolean): { reason: string; path: string } | undefined {
  if (statement.Effect !== 'Allow') return undefined;
  if (statement.NotAction !== undefined) return { reason: 'an Allow with NotAction grants every action not listed', path: `${path}.NotAction` };
  const actions = list(statement.Action).map(cfnText);
  for (const action of actions) {
    const matcher = actionPattern(action);
    const covered = (vault ? FORBIDDEN_ACTIONS : GENERAL_FORBIDDEN).filter((f) => matcher.test(f));
    if (covered.length > 0) {
      return { reason: `Allow "${action}" grants ${covered.slice(0, 3).join(', ')}${covered.length > 3 ? ', …' : ''}`, path: `${path}.Action` };
    }
  }
  const resources = list(statement.Resource).map(cfnText);
  if (vault && actions.some((a) => a.toLowerCase().startsWith('s3:')) && (resources.includes('*') || statement.NotResource !== undefined)) {
    return { reason: `Allow ${actions.join(', ')} on every bucket (Resource "*")`, path: `${path}.Resource` };
  }
  return undefined;
}

/**
 * No IAM policy that can reach the backup vault (policy, managed policy, or a
 * role's, user's or group's inline policies and attached AWS-managed
 * policies) allows what a leaked writer credential could use against the
 * backups: `*`, `s3:*`, deletes, bucket-policy / lifecycle / versioning /
 * lock changes, governance bypass, key deletion or self-escalation; nor S3
 * actions on Resource "*". The writer needs only put/get/list on its prefix.
 * IAM resources that cannot reach a vault get the general baseline: no `*`,
 * no NotAction, no self-escalation, no administrator policies.
 */
export function iamLeastPrivilege(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const vault = reachesVault(resource, index);
  const scope = vault ? ' [scope: backup vault, the policy reaches the vault]' : ' [scope: general IAM baseline]';
  // A known problem fails whatever the unknown statements hold; otherwise every branch must be clean.
  const result = judge(resource, vault, false) ?? decide(resource, ['PolicyDocument', 'Policies', 'ManagedPolicyArns'], (r) => judge(r, vault, true)!);
  return { ...result, reason: `${result.reason ?? result.status}${scope}` } as CheckResult;
}

function judge(resource: InventoryResource, vault: boolean, final: boolean): CheckResult | undefined {
  const problems = documentsOf(resource).flatMap(({ document, path }) => statementsOf(document, path).flatMap((s) => statementProblem(s, vault) ?? []));
  const managed = list(resource.values.ManagedPolicyArns).map(cfnText);
  managed.forEach((arn, i) => {
    const broad = (vault ? BROAD_MANAGED_POLICIES : ADMIN_MANAGED_POLICIES).exec(arn);
    if (broad) problems.push({ reason: `attaches the AWS-managed ${broad[1]} policy`, path: `ManagedPolicyArns[${i}]` });
  });
  if (problems.length === 0) {
    return final ? pass(`no statement grants ${vault ? 'destructive, administrative or unscoped S3 rights' : 'every action, NotAction, self-escalation or administrator rights'}`) : undefined;
  }
  const required = vault ? "only put/get/list on the writer's prefix; no delete, policy, lifecycle, lock or key changes" : 'no "*", NotAction, IAM self-escalation or administrator policies';
  return fail(`${problems.map((p) => p.reason).join('; ')} (required: ${required})`, problems[0].path);
}

export const control: ResourceControl = {
  id: 'TOM-VLT-10',
  title: 'Backup writer has least privilege: no delete, no policy changes',
  severity: 'high',
  iso27001_2022: ['A.5.15', 'A.5.18', 'A.8.3'],
  iso27001_2013: ['A.9.1.1', 'A.9.2.2', 'A.9.4.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M9', 'M17'],
  measure: 'The credential that writes backups can only put, get and list objects under its prefix; it cannot delete backups or weaken the vault.',
  equivalents: [
    'AwsSolutions-IAM5',
    'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
    'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
    'iam_inline_policy_no_administrative_privileges',
    'iam_customer_attached_policy_no_administrative_privileges',
    'iam_policy_allows_privilege_escalation',
  ],
  rationale:
    'The writer credential lives in the cluster, the part most exposed to attack; if it can delete objects, change the bucket policy, lifecycle or lock, disable the key or grant itself more, one leak destroys the off-site copy. Mapped to A.5.15, A.5.18 and A.8.3, not to A.8.2: the backup writer is a narrowly scoped machine identity, not a privileged account. IAM resources that cannot reach a vault bucket (no reference to it or its key, no Resource "*") are held to the general baseline: no "*", NotAction, self-escalation or administrator policies.',
  remediation:
    'Grant only `s3:PutObject`, `s3:GetObject` on `arn:aws:s3:::BUCKET/PREFIX/*` and `s3:ListBucket` on the bucket (with an `s3:prefix` condition), plus `kms:Encrypt`, `kms:Decrypt`, `kms:GenerateDataKey` on the vault key; never `bucket.grantReadWrite()` (it includes `s3:DeleteObject*`).',
  area: 'aws',
  scope: 'resource',
  appliesTo: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  check: iamLeastPrivilege,
};
