import type { CheckResult, InventoryResource } from '../../types';
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
