import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryResource } from '../../types';
import { isTrue, num, show } from '../../values';
import { decide } from './helpers/cloudformation';

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
