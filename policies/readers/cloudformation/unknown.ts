/**
 * The marker a CloudFormation value gets when the audit cannot know it before
 * deploy (a required parameter without a value, `Fn::ImportValue`, a macro,
 * an intrinsic it does not evaluate). It is plain JSON, so it survives
 * copies and reports, and names the expression that decided it; checks turn
 * it into an `unknown` finding instead of judging the raw intrinsic.
 */
import { isRecord } from '../../values';

export const UNKNOWN_KEY = '$unknown';
/** On an `Fn::If` marker: the value of each branch (`absent` for `AWS::NoValue`). */
export const BRANCHES_KEY = '$branches';

export type IfBranch = { readonly value: unknown } | { readonly absent: true };

export interface UnknownValue {
  readonly [UNKNOWN_KEY]: string;
  readonly [BRANCHES_KEY]?: readonly IfBranch[];
}

export const unknownValue = (why: string): UnknownValue => ({ [UNKNOWN_KEY]: why });

export const isUnknownValue = (v: unknown): v is UnknownValue => isRecord(v) && typeof v[UNKNOWN_KEY] === 'string';

/** The first unknown marker inside `value` (depth first), with its path below `path`. */
export function firstUnknown(value: unknown, path = ''): { reason: string; path: string; marker: UnknownValue } | undefined {
  if (isUnknownValue(value)) return { reason: value[UNKNOWN_KEY], path, marker: value };
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

/** `value` with the one `marker` object replaced by a branch's value (removed for `AWS::NoValue`). */
export function withBranch(value: unknown, marker: UnknownValue, branch: IfBranch): unknown {
  const ABSENT = Symbol('absent');
  const walk = (v: unknown): unknown => {
    if (v === marker) return 'absent' in branch ? ABSENT : branch.value;
    if (Array.isArray(v)) return v.map(walk).filter((x) => x !== ABSENT);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const w = walk(x);
      if (w !== ABSENT) out[k] = w;
    }
    return out;
  };
  const result = walk(value);
  return result === ABSENT ? {} : result;
}
