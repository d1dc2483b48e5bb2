/**
 * The marker a CloudFormation value gets when the audit cannot know it before
 * deploy (a required parameter without a value, `Fn::ImportValue`, a macro,
 * an intrinsic it does not evaluate). It is plain JSON, so it survives
 * copies and reports, and names the expression that decided it; checks turn
 * it into an `unknown` finding instead of judging the raw intrinsic.
 */
import { isRecord } from '../../values';

export const UNKNOWN_KEY = '$unknown';

export interface UnknownValue {
  readonly [UNKNOWN_KEY]: string;
}

export const unknownValue = (why: string): UnknownValue => ({ [UNKNOWN_KEY]: why });

export const isUnknownValue = (v: unknown): v is UnknownValue => isRecord(v) && typeof v[UNKNOWN_KEY] === 'string';

/** The first unknown marker inside `value` (depth first), with its path below `path`. */
export function firstUnknown(value: unknown, path = ''): { reason: string; path: string } | undefined {
  if (isUnknownValue(value)) return { reason: value[UNKNOWN_KEY], path };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUnknown(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = firstUnknown(v, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return undefined;
}
