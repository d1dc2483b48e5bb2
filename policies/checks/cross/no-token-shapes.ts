import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { tokenShapes } from './helpers/secrets';
import { SECRET_SCAN_TYPES } from './helpers/resource-types';

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

export const control: ResourceControl = {
  id: 'TOM-SEC-02',
  title: 'No known token formats anywhere in resource values',
  severity: 'critical',
  iso27001_2022: ['A.5.17', 'A.8.28'],
  iso27001_2013: ['A.9.2.4', 'A.9.3.1', 'A.9.4.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M15'],
  measure: 'Credentials are kept strictly separate from code.',
  equivalents: ['CKV_SECRET_2', 'CKV_SECRET_13', 'CKV_SECRET_14'],
  rationale:
    'Tokens also hide in attributes whose names say nothing: cloud-init user data, helm values, descriptions. Their formats (dop_v1_…, AKIA…, PEM headers, age secret keys) identify them wherever they appear.',
  remediation: 'Revoke the token at its issuer, remove it from the code and pass the replacement by reference.',
  area: 'cross',
  scope: 'resource',
  appliesTo: SECRET_SCAN_TYPES,
  check: noTokenShapes,
};
