import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { blocks } from '../../values';
import { isSet } from './helpers/links';

/**
 * TOM-IAM-03. A Spaces access key is scoped: every `grant` names one bucket
 * and uses `read` or `readwrite`, never `fullaccess` (every bucket of the
 * account, including creating and deleting buckets).
 */
export function spacesKeyLeastPrivilege(key: InventoryResource): CheckResult {
  const grants = blocks(key.values, 'grant');
  for (const [i, grant] of grants.entries()) {
    if (String(grant.permission ?? '') === 'fullaccess') {
      return fail(`grant[${i}].permission is "fullaccess": the key may read, write and delete every bucket of the account; grant read or readwrite on one bucket`, `grant[${i}].permission`);
    }
    if (!isSet(grant.bucket)) return fail(`grant[${i}].bucket is empty; name the one bucket the key needs`, `grant[${i}].bucket`);
  }
  return pass(`${grants.length} bucket-scoped grant(s)`, 'grant');
}
