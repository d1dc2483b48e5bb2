import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
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

export const control: ResourceControl = {
  id: 'TOM-IAM-03',
  title: 'Spaces access keys scoped to one bucket',
  severity: 'high',
  iso27001_2022: ['A.5.15', 'A.5.18', 'A.8.3'],
  iso27001_2013: ['A.9.1.1', 'A.9.2.2', 'A.9.4.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M17'],
  measure: 'Every credential has only the rights its task needs.',
  equivalents: [],
  rationale: 'A `fullaccess` key can read, overwrite and delete every bucket of the account, backups included; a leaked key should expose one bucket at most. Mapped to access control, access rights and information access restriction (A.5.15, A.5.18, A.8.3), not to A.8.2: a bucket-scoped application key is not a privileged access right.',
  remediation: 'Give each `digitalocean_spaces_key` grants naming one bucket with permission read or readwrite.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: ['digitalocean_spaces_key'],
  check: spacesKeyLeastPrivilege,
};
