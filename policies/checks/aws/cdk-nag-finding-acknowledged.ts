import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { CDK_NAG_FINDING } from '../../readers/cloudformation';

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

export const control: ResourceControl = {
  id: 'TOM-VLT-13',
  title: 'cdk-nag findings on the vault fixed or acknowledged with a reason',
  severity: 'high',
  iso27001_2022: ['A.8.9', 'A.5.36'],
  iso27001_2013: ['A.18.2.2', 'A.18.2.3'],
  gdprArt32: ['d'],
  tomCategory: 'Überprüfungsverfahren',
  measures: ['M19'],
  measure: 'The vault meets the AWS Solutions and NIST 800-53 rev. 5 baselines; every deviation is a recorded, reasoned decision.',
  equivalents: ['cdk-nag AwsSolutions', 'cdk-nag NIST.800.53.R5'],
  rationale:
    'cdk-nag checks the vault against two published baselines during synth. A rule that does not fit this design is acknowledged on the resource with its reason; the audit carries each verdict into the report so an auditor sees the deviations and why, not just a green synth. TOM section: the Art. 32(1)(d) procedure for regularly testing and evaluating the measures, not Eingabekontrolle, which traces who entered or changed data.',
  remediation:
    'Fix the construct, or acknowledge the rule on the specific resource with `Validations.of(resource).acknowledge({ id, reason })` and a reason of at least one sentence.',
  area: 'aws',
  scope: 'resource',
  appliesTo: [CDK_NAG_FINDING],
  check: cdkNagFindingAcknowledged,
};
