import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass, unknown } from '../../types';
import { parseJsonText } from '../../readers/json-text';
import { isRecord, isReference } from '../../values';
import { BUCKET } from './helpers/catalogue';

/** True for `"*"`, `{ AWS: "*" }` and `{ AWS: ["*"] }`: anyone on the internet. */
function isAnyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isRecord(principal)) return false;
  return Object.values(principal).some((p) => p === '*' || (Array.isArray(p) && p.includes('*')));
}

function policyProblem(policy: InventoryResource): CheckResult {
  const text = policy.values.policy;
  if (isReference(text)) {
    return unknown(`policy = ${text}: the policy document is only known at apply time`, 'policy');
  }
  let doc: unknown;
  try {
    doc = typeof text === 'string' ? parseJsonText(text, 'policy') : text;
  } catch (err) {
    return fail(`the policy is not a JSON document the audit can read (${(err as Error).message}); S3 would reject or misread it`, 'policy');
  }
  const statements = isRecord(doc) ? [doc.Statement].flat() : [];
  for (const [i, s] of statements.entries()) {
    if (isRecord(s) && s.Effect === 'Allow' && isAnyone(s.Principal)) {
      return fail(`policy Statement[${i}] allows Principal "*": anyone on the internet gets ${JSON.stringify(s.Action)}`, `policy.Statement[${i}].Principal`);
    }
  }
  return pass('no statement allows Principal "*"', 'policy');
}

/**
 * TOM-IAM-02 (CKV_DIO_3, DIG-0006). Spaces data is private: buckets and
 * objects keep `acl = "private"` (the default), and no
 * `digitalocean_spaces_bucket_policy` allows Principal `*`.
 */
export function bucketPrivate(resource: InventoryResource): CheckResult {
  if (resource.type === 'digitalocean_spaces_bucket_policy') return policyProblem(resource);
  const acl = resource.values.acl;
  if (isReference(acl)) return unknown(`acl = ${String(acl)}: the ACL is only known at apply time`, 'acl');
  if (acl === undefined || acl === null || acl === 'private') return pass('acl private', 'acl');
  return fail(`acl is "${String(acl)}"; only "private" keeps the data from being read by anyone with the URL`, 'acl');
}

export const control: ResourceControl = {
  id: 'TOM-IAM-02',
  title: 'Spaces buckets and objects private',
  severity: 'critical',
  iso27001_2022: ['A.8.3', 'A.5.15'],
  iso27001_2013: ['A.9.4.1', 'A.9.1.1', 'A.9.1.2'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M17'],
  measure: 'Stored data is readable only by authorised users and services.',
  equivalents: ['CKV_DIO_3', 'DIG-0006'],
  rationale: 'A public-read ACL or a bucket policy for Principal "*" lets anyone who guesses the URL list or download the data.',
  remediation: 'Keep `acl = "private"` on buckets and objects and remove statements allowing Principal "*" from `digitalocean_spaces_bucket_policy`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [BUCKET, 'digitalocean_spaces_bucket_object', 'digitalocean_spaces_bucket_policy'],
  check: bucketPrivate,
};
