import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { decide, isEveryone, statementsOf } from './helpers/cloudformation';

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
