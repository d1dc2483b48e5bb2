import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { decide, isEveryone, statementsOf } from './helpers/cloudformation';
import { KEYS } from './helpers/catalogue';

/**
 * No KMS key policy allows everyone (`Principal` "*" or `{ AWS: "*" }`)
 * without a `Condition` narrowing it: whoever may use the vault key may read
 * every backup it encrypts.
 */
export function kmsKeyNotPublic(key: InventoryResource): CheckResult {
  // An open statement that is known fails whatever the unknown ones hold; otherwise every branch must be closed.
  return judge(key, false) ?? decide(key, ['KeyPolicy'], (k) => judge(k, true)!);
}

function judge(key: InventoryResource, final: boolean): CheckResult | undefined {
  const open = statementsOf(key.values.KeyPolicy, 'KeyPolicy').find(
    ({ statement }) => statement.Effect === 'Allow' && isEveryone(statement.Principal) && statement.Condition === undefined,
  );
  if (open) return fail('the key policy allows principal "*" without a Condition (required: named principals, or a Condition such as aws:PrincipalAccount)', `${open.path}.Principal`);
  return final ? pass('the key policy names its principals', 'KeyPolicy') : undefined;
}

export const control: ResourceControl = {
  id: 'TOM-VLT-11',
  title: 'KMS key policies are not open to everyone',
  severity: 'high',
  iso27001_2022: ['A.5.15', 'A.8.3', 'A.8.24'],
  iso27001_2013: ['A.9.1.1', 'A.9.4.1', 'A.10.1.2'],
  gdprArt32: ['a', 'b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M3', 'M17'],
  measure: 'Only named principals of our account may use the key that encrypts the backups.',
  equivalents: ['kms_key_not_publicly_accessible', 'CKV_AWS_33'],
  rationale: 'A key policy that allows principal "*" without a condition lets any AWS account use the key, and with it decrypt every backup it protects.',
  remediation: 'Keep the default key policy (account root) and grant use to the writer through IAM; if a statement needs principal "*", restrict it with a Condition such as `aws:PrincipalAccount`.',
  area: 'aws',
  scope: 'resource',
  appliesTo: KEYS,
  check: kmsKeyNotPublic,
};
