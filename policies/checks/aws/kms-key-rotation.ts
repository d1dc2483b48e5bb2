import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { isTrue, num, show } from '../../values';
import { decide } from './helpers/cloudformation';
import { KEYS } from './helpers/catalogue';

/** Longest rotation period accepted: yearly, the AWS default and the usual key-management policy. */
const MAX_ROTATION_DAYS = 365;

/**
 * Every symmetric KMS key rotates its key material automatically at least
 * yearly (`EnableKeyRotation` true, `RotationPeriodInDays` ≤ 365 when set).
 * Asymmetric and HMAC keys cannot rotate and are not applicable.
 */
export function kmsKeyRotation(key: InventoryResource): CheckResult {
  return decide(key, ['KeySpec', 'EnableKeyRotation', 'RotationPeriodInDays'], judge);
}

function judge(key: InventoryResource): CheckResult {
  const spec = key.values.KeySpec;
  if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return notApplicable(`KeySpec ${show(spec)} does not support automatic rotation`);
  if (!isTrue(key.values.EnableKeyRotation)) {
    return fail(`EnableKeyRotation is ${show(key.values.EnableKeyRotation)} (required: true)`, 'EnableKeyRotation');
  }
  const period = num(key.values.RotationPeriodInDays);
  if (period !== undefined && period > MAX_ROTATION_DAYS) {
    return fail(`RotationPeriodInDays is ${period} (required: at most ${MAX_ROTATION_DAYS})`, 'RotationPeriodInDays');
  }
  return pass('key material rotates automatically', 'EnableKeyRotation');
}

export const control: ResourceControl = {
  id: 'TOM-VLT-02',
  title: 'KMS keys rotate automatically',
  severity: 'medium',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M3', 'M9'],
  measure: 'The key material protecting the backups is renewed at least yearly.',
  equivalents: ['AwsSolutions-KMS5', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', 'kms_cmk_rotation_enabled', 'CKV_AWS_7'],
  rationale: 'Rotation limits how much data one key version protects and is the usual key-management requirement for long-lived keys.',
  remediation: 'Create the key with `new kms.Key(this, id, { enableKeyRotation: true })` (`EnableKeyRotation: true`; `RotationPeriodInDays` at most 365 if set).',
  area: 'aws',
  scope: 'resource',
  appliesTo: KEYS,
  check: kmsKeyRotation,
};
