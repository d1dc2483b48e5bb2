import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { secretLiterals } from './helpers/secrets';

/**
 * TOM-SEC-01 (CKV_SECRET_10). No attribute named like a credential
 * (`*password`, `*token`, `*secret`, `*private_key`, `*access_key`,
 * `*api_key`), and no name/value pair with such a name, holds a literal: a
 * credential comes from the environment or a secret store by reference
 * (`${var.…}`, `value_from.secret_key_ref`, `{{resolve:…}}`). Provider and
 * backend blocks are checked too (`provider.digitalocean { token = "…" }`).
 * The finding names the attribute, never the value.
 */
export function noSecretLiterals(resource: InventoryResource): CheckResult {
  const hits = secretLiterals(resource.type, resource.values);
  if (hits.length === 0) return pass('no literal credential');
  const more = hits.length > 1 ? ` (and ${hits.length - 1} more: ${hits.slice(1).map((h) => h.path).join(', ')})` : '';
  return fail(`${hits[0].path} (${hits[0].what}) holds a literal credential${more}; pass it by reference from the environment or a secret store`, hits[0].path);
}
