import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { secretLiterals } from './helpers/secrets';
import { SECRET_SCAN_TYPES } from './helpers/resource-types';

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

export const control: ResourceControl = {
  id: 'TOM-SEC-01',
  title: 'No credential literals in the infrastructure code',
  severity: 'critical',
  iso27001_2022: ['A.5.17', 'A.8.28'],
  iso27001_2013: ['A.9.2.4', 'A.9.3.1', 'A.9.4.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M15'],
  measure: 'Credentials are kept strictly separate from code.',
  equivalents: ['CKV_SECRET_10'],
  rationale:
    'Synthesized JSON and plans are committed, cached and uploaded as CI artefacts; a password or token written into them is effectively published. Credentials come from the environment or a secret store by reference. Mapped to A.5.17 (handling of authentication information) and A.8.28 (secure coding), not to A.8.4, which is about who may read and change source code.',
  remediation:
    'Read tokens from the environment (provider blocks need none: DIGITALOCEAN_TOKEN, CLOUDFLARE_API_TOKEN), pass Kubernetes credentials with `value_from.secret_key_ref`, CloudFormation ones with `{{resolve:secretsmanager:…}}`; rotate any credential that was committed.',
  area: 'cross',
  scope: 'resource',
  appliesTo: SECRET_SCAN_TYPES,
  check: noSecretLiterals,
};
