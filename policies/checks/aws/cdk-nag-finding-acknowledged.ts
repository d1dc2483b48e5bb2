import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';

/** A reason an auditor can weigh: a sentence, not "ok" or "n/a". */
const MIN_REASON_LENGTH = 20;

/**
 * TOM-VLT-13. Every cdk-nag finding on the vault (AwsSolutions, NIST 800-53
 * rev. 5) is either fixed — then it is not reported at all — or acknowledged
 * with a specific reason of at least 20 characters. The finding's rule id,
 * resource and reason become the evidence.
 */
export function cdkNagFindingAcknowledged(finding: InventoryResource): CheckResult {
  const { ruleId, resource, acknowledged, reason, message } = finding.values as Record<string, unknown>;
  const what = `${String(ruleId)} on ${String(resource)}`;
  if (acknowledged !== true) return fail(`${what} is not acknowledged: ${String(message ?? 'cdk-nag finding')}`, 'acknowledged');
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    return fail(`${what} is acknowledged without a specific reason (${JSON.stringify(reason ?? '')})`, 'reason');
  }
  return pass(`${what} acknowledged: ${reason}`, 'reason');
}
