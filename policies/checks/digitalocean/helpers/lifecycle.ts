/** Reading Spaces bucket lifecycle rules (TOM-DEL-01, TOM-DEL-02). */
import type { Values } from '../../../values';
import { attr, blocks, isTrue, num } from '../../../values';
import { OFFBOARDING_PREFIX } from '../../../../data/retention';
import { isSet } from './links';

export interface DaysRule {
  /** Index in `lifecycle_rule`. */
  readonly i: number;
  readonly days: number;
}

/**
 * The enabled whole-bucket rule (no prefix) with the shortest `<key>.days`
 * (`expiration`, `noncurrent_version_expiration`). Rules limited to a prefix
 * leave the rest of the bucket unbounded, so they never count.
 */
export function shortestRule(bucket: Values, key: string): DaysRule | undefined {
  let best: DaysRule | undefined;
  blocks(bucket, 'lifecycle_rule').forEach((rule, i) => {
    const days = num(attr(rule, `${key}.days`));
    if (!isTrue(rule.enabled) || isSet(rule.prefix) || days === undefined) return;
    if (!best || days < best.days) best = { i, days };
  });
  return best;
}

export const rulePath = (r: DaysRule, key: string): string => `lifecycle_rule[${r.i}].${key}.days`;

/**
 * The enabled rule on the offboarding prefix with the shortest expiration: the
 * declared deletion path of a live-data bucket (objects of a customer whose
 * contract ended are moved there and expire by lifecycle).
 */
export function offboardingRule(bucket: Values): DaysRule | undefined {
  let best: DaysRule | undefined;
  blocks(bucket, 'lifecycle_rule').forEach((rule, i) => {
    const days = num(attr(rule, 'expiration.days'));
    if (!isTrue(rule.enabled) || rule.prefix !== OFFBOARDING_PREFIX || days === undefined) return;
    if (!best || days < best.days) best = { i, days };
  });
  return best;
}
