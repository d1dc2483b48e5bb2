import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { tokenShapes } from './helpers/secrets';

/**
 * TOM-SEC-02 (CKV_SECRET_2, CKV_SECRET_13, CKV_SECRET_14). No string anywhere
 * in a resource, whatever its attribute name, has the shape of a well-known
 * credential: DigitalOcean tokens (`dop_v1_…`), AWS access key ids
 * (`AKIA…`), PEM private keys, age secret keys, Slack and GitHub tokens, and
 * 40-character Cloudflare API tokens. Catches what TOM-SEC-01's names miss
 * (user_data, helm values, descriptions). The finding never repeats the value.
 */
export function noTokenShapes(resource: InventoryResource): CheckResult {
  const hits = tokenShapes(resource.type, resource.values);
  if (hits.length === 0) return pass('no known token shape');
  const more = hits.length > 1 ? ` (and ${hits.length - 1} more)` : '';
  return fail(`${hits[0].path} contains ${hits[0].what}${more}; revoke it and pass credentials by reference`, hits[0].path);
}
