import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { isEveryone, statementsOf, unknownAt, unknownStatement } from '../common/aws-cloudformation';

/**
 * No KMS key policy allows everyone (`Principal` "*" or `{ AWS: "*" }`)
 * without a `Condition` narrowing it: whoever may use the vault key may read
 * every backup it encrypts.
 */
export function kmsKeyNotPublic(key: InventoryResource): CheckResult {
  const open = statementsOf(key.values.KeyPolicy, 'KeyPolicy').find(
    ({ statement }) => statement.Effect === 'Allow' && isEveryone(statement.Principal) && statement.Condition === undefined,
  );
  if (open) return fail('the key policy allows principal "*" without a Condition (required: named principals, or a Condition such as aws:PrincipalAccount)', `${open.path}.Principal`);
  const undecided = unknownAt(key) ?? unknownStatement(key.values.KeyPolicy, 'KeyPolicy');
  if (undecided) return undecided;
  return pass('the key policy names its principals', 'KeyPolicy');
}
