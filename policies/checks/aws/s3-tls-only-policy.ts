import { fail, pass, unknown } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { isUnknownValue } from '../../readers/cloudformation/unknown';
import { attr } from '../../values';
import type { Values } from '../../values';
import { cfnText, isEveryone, list, statementsOf, unknownStatement } from './helpers/cloudformation';
import { bucketPolicies, bucketScope, inScope, unmatchedPolicies } from './helpers/s3';
import { BUCKETS } from './helpers/catalogue';

/** True when the statement denies every principal every S3 action on the bucket and its objects without TLS. */
function deniesPlainHttp(statement: Values): boolean {
  const secureTransport = attr(attr(statement, 'Condition') as Values | undefined, 'Bool') as Values | undefined;
  const flag = secureTransport?.['aws:SecureTransport'];
  const actions = list(statement.Action).map((a) => cfnText(a).toLowerCase());
  const resources = list(statement.Resource).map(cfnText);
  return (
    statement.Effect === 'Deny' &&
    isEveryone(statement.Principal) &&
    (flag === false || flag === 'false') &&
    actions.some((a) => a === '*' || a === 's3:*') &&
    resources.some((r) => r === '*' || !r.endsWith('/*')) &&
    resources.some((r) => r.endsWith('*'))
  );
}

/**
 * Every bucket (vault and general baseline alike) has a bucket policy that denies all requests without TLS
 * (`Deny`, principal `*`, `s3:*` on the bucket and `bucket/*`, condition
 * `aws:SecureTransport` false), so data never crosses the network in clear.
 */
export function s3TlsOnlyPolicy(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  return inScope(judge(bucket, index), bucketScope(bucket));
}

function judge(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  if (isUnknownValue(bucket.values)) return unknown(bucket.values.$unknown, '');
  const policies = bucketPolicies(bucket, index);
  for (const policy of policies) {
    if (statementsOf(policy.values.PolicyDocument, 'PolicyDocument').some((s) => deniesPlainHttp(s.statement))) {
      return pass(`${policy.address} denies requests without TLS`, `${policy.address}.PolicyDocument`);
    }
  }
  // Not proven: a policy whose document, or whose bucket, is known only at deploy may still hold the deny.
  for (const policy of policies) {
    const undecided = unknownStatement(policy.values, policy.address);
    if (undecided) return undecided;
  }
  const unmatched = unmatchedPolicies(bucket, index);
  const found = policies.length > 0 ? `${policies.map((p) => p.address).join(', ')} denies nothing without TLS` : 'no bucket policy is attached by reference or name';
  if (unmatched.length > 0) {
    return unknown(`${found}, and ${unmatched.map((p) => p.address).join(', ')} names a bucket known only at deploy`, `${unmatched[0].address}.Bucket`);
  }
  if (isUnknownValue(bucket.values.BucketName)) {
    return unknown(`${found}, and the bucket's name is known only at deploy (${bucket.values.BucketName.$unknown}), so a policy naming it cannot be matched`, 'BucketName');
  }
  if (policies.length === 0) {
    return fail(
      'no AWS::S3::BucketPolicy is attached, so plain-HTTP requests are accepted (required: Deny s3:* for principal * when aws:SecureTransport is false)',
      `AWS::S3::BucketPolicy[Bucket=${bucket.address}]`,
    );
  }
  return fail(
    `${policies.map((p) => p.address).join(', ')} has no statement denying s3:* to principal * on the bucket and its objects when aws:SecureTransport is false`,
    `${policies[0].address}.PolicyDocument.Statement`,
  );
}

export const control: ResourceControl = {
  id: 'TOM-VLT-05',
  title: 'Buckets accept only TLS requests',
  severity: 'high',
  iso27001_2022: ['A.8.24', 'A.5.14'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2', 'M9'],
  measure: 'Backups are transferred to and from the vault only over TLS.',
  equivalents: ['AwsSolutions-S10', 'NIST.800.53.R5-S3BucketSSLRequestsOnly', 's3_bucket_secure_transport_policy'],
  rationale: 'S3 answers plain-HTTP requests unless a bucket policy denies them; a misconfigured client would otherwise send backups and signed requests in clear text.',
  remediation:
    'Set `enforceSSL: true`, which adds an `AWS::S3::BucketPolicy` statement `{ Effect: Deny, Principal: { AWS: "*" }, Action: "s3:*", Resource: [bucketArn, bucketArn/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }`.',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3TlsOnlyPolicy,
};
