import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { backendKind } from './helpers/backend';

/**
 * TOM-GOV-03. State lives in a remote, shared backend, not in a local file:
 * a local `terraform.tfstate` sits unencrypted on one laptop or CI runner,
 * has no lock and no history, and so no review trail. Low severity: cdktf's
 * default backend is local and moving state is a deliberate step of setting
 * up a deployment, so the gate reports it without blocking.
 */
export function stateBackendRemote(backend: InventoryResource): CheckResult {
  const kind = backendKind(backend);
  if (kind !== 'local') return pass(`remote backend "${kind}"`);
  const path = typeof backend.values.path === 'string' ? ` (${backend.values.path})` : '';
  return fail(`state is kept in a local file${path}: unencrypted on one machine, without locking or history; configure a remote backend such as s3 with encrypt = true`, 'backend');
}

export const control: ResourceControl = {
  id: 'TOM-GOV-03',
  title: 'Terraform state kept in a remote backend',
  severity: 'low',
  iso27001_2022: ['A.8.9', 'A.8.32'],
  iso27001_2013: ['A.12.1.2', 'A.14.2.2'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M19'],
  measure: 'Infrastructure configuration is managed centrally and every change is traceable.',
  equivalents: [],
  rationale:
    'A local state file lives on one machine, unencrypted, without locking or history. Low severity because cdktf starts with a local backend; the finding reminds the team to move state before production use. GDPR Art. 32(1)(b): remote, locked state keeps the configuration intact; it does not test the measures, so not (d).',
  remediation: 'Configure a remote backend (`S3Backend` with `encrypt: true`, versioned bucket, lock) in each stack.',
  area: 'cross',
  scope: 'resource',
  appliesTo: ['terraform_backend'],
  check: stateBackendRemote,
};
