import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { isRecord } from '../../values';
import { actionPattern, cfnText, list, statementsOf, unknownAt } from '../common/aws-cloudformation';
import type { Statement } from '../common/aws-cloudformation';

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

/** The policy documents a resource carries, with their paths. */
function documentsOf(resource: InventoryResource): { document: unknown; path: string }[] {
  if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
    return [{ document: resource.values.PolicyDocument, path: 'PolicyDocument' }];
  }
  return list(resource.values.Policies).map((p, i) => ({ document: isRecord(p) ? p.PolicyDocument : undefined, path: `Policies[${i}].PolicyDocument` }));
}

/** Why one Allow statement is too broad, with its path; undefined when it is not. */
function statementProblem({ statement, path }: Statement): { reason: string; path: string } | undefined {
  if (statement.Effect !== 'Allow') return undefined;
  if (statement.NotAction !== undefined) return { reason: 'an Allow with NotAction grants every action not listed', path: `${path}.NotAction` };
  const actions = list(statement.Action).map(cfnText);
  for (const action of actions) {
    const matcher = actionPattern(action);
    const covered = FORBIDDEN_ACTIONS.filter((f) => matcher.test(f));
    if (covered.length > 0) {
      return { reason: `Allow "${action}" grants ${covered.slice(0, 3).join(', ')}${covered.length > 3 ? ', …' : ''}`, path: `${path}.Action` };
    }
  }
  const resources = list(statement.Resource).map(cfnText);
  if (actions.some((a) => a.toLowerCase().startsWith('s3:')) && (resources.includes('*') || statement.NotResource !== undefined)) {
    return { reason: `Allow ${actions.join(', ')} on every bucket (Resource "*")`, path: `${path}.Resource` };
  }
  return undefined;
}

/**
 * No IAM policy in the vault stack (policy, managed policy, or a role's,
 * user's or group's inline policies and attached AWS-managed policies) allows
 * what a leaked writer credential could use against the backups: `*`,
 * `s3:*`, deletes, bucket-policy / lifecycle / versioning / lock changes,
 * governance bypass, key deletion or self-escalation; nor S3 actions on
 * Resource "*". The writer needs only put/get/list on its prefix.
 */
export function iamLeastPrivilege(resource: InventoryResource): CheckResult {
  const problems = documentsOf(resource).flatMap(({ document, path }) => statementsOf(document, path).flatMap((s) => statementProblem(s) ?? []));
  const managed = list(resource.values.ManagedPolicyArns).map(cfnText);
  managed.forEach((arn, i) => {
    const broad = BROAD_MANAGED_POLICIES.exec(arn);
    if (broad) problems.push({ reason: `attaches the AWS-managed ${broad[1]} policy`, path: `ManagedPolicyArns[${i}]` });
  });
  if (problems.length === 0) {
    const undecided = unknownAt(resource, 'PolicyDocument', 'Policies', 'ManagedPolicyArns');
    if (undecided) return undecided;
  }
  if (problems.length === 0) return pass('no statement grants destructive, administrative or unscoped S3 rights');
  return fail(`${problems.map((p) => p.reason).join('; ')} (required: only put/get/list on the writer's prefix; no delete, policy, lifecycle, lock or key changes)`, problems[0].path);
}
