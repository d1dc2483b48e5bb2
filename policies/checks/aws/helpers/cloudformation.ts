/**
 * Reading CloudFormation `Properties` as the AWS vault controls need them:
 * intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`) and IAM
 * policy documents, whose `Statement`, `Action` and `Resource` may each be a
 * single value or a list.
 */
import { BRANCHES_KEY, firstUnknown, isUnknownValue, withBranch } from '../../../readers/cloudformation/unknown';
import type { CheckResult, InventoryResource } from '../../../types';
import { unknown } from '../../../types';
import { attr, isRecord } from '../../../values';
import type { Values } from '../../../values';

/** True when `value` is `{ Ref: id }` or `{ "Fn::GetAtt": [id, …] }` (or `"id.Attr"`) naming the resource. */
export function refersTo(value: unknown, target: InventoryResource): boolean {
  if (!isRecord(value)) return false;
  if (value.Ref === target.address) return true;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return getAtt[0] === target.address;
  return typeof getAtt === 'string' && getAtt.split('.')[0] === target.address;
}

/**
 * A CloudFormation value as text: `Ref` / `Fn::GetAtt` become `${Id}` /
 * `${Id.Attr}`, `Fn::Join` is joined, `Fn::Sub` keeps its template. Enough to
 * tell `arn:…:bucket/*` from `arn:…:bucket` and to read managed policy ARNs.
 */
export function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isRecord(value)) return '';
  if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `\${${getAtt.map(cfnText).join('.')}}`;
  if (typeof getAtt === 'string') return `\${${getAtt}}`;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(cfnText).join(join[0]);
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  return JSON.stringify(value);
}

/** A value that may be one item or a list, as a list. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A policy statement with the path it was read from (for `fail` paths). */
export interface Statement {
  readonly statement: Values;
  readonly path: string;
}

/** The statements of a policy document found at `path` (`PolicyDocument`, `Policies[0].PolicyDocument`, …). */
export function statementsOf(document: unknown, path: string): Statement[] {
  if (!isRecord(document)) return [];
  const raw = document.Statement;
  if (isRecord(raw)) return [{ statement: raw, path: `${path}.Statement` }];
  return list(raw).flatMap((s, i) => (isRecord(s) ? [{ statement: s, path: `${path}.Statement[${i}]` }] : []));
}

/** True when the principal is everyone: `"*"` or `{ AWS: "*" }` (also inside a list). */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  return isRecord(principal) && list(principal.AWS).includes('*');
}

/** An IAM action pattern (`s3:Delete*`, `*`) as a case-insensitive matcher, the way IAM compares actions. */
export function actionPattern(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** How many nested `Fn::If` on unknown conditions a check follows (2^n evaluations). */
const MAX_BRANCH_DEPTH = 4;

/**
 * Runs `judge` on the resource; when a value under `paths` is unknown, the
 * result is unknown, unless the value is an `Fn::If` on an unknown condition
 * and every branch gives the same verdict (both encryptions acceptable, both
 * key-policy variants closed): then that verdict, saying it holds on every branch.
 */
export function decide(resource: InventoryResource, paths: readonly string[], judge: (r: InventoryResource) => CheckResult, depth = 0): CheckResult {
  if (isUnknownValue(resource.values)) return unknown(resource.values.$unknown, '');
  for (const path of paths) {
    const found = firstUnknown(attr(resource.values, path), path);
    if (!found) continue;
    const branches = found.marker[BRANCHES_KEY];
    if (!branches || depth >= MAX_BRANCH_DEPTH) return unknown(found.reason, found.path);
    const results = branches.map((b) =>
      decide({ ...resource, values: withBranch(resource.values, found.marker, b) as Record<string, unknown> }, paths, judge, depth + 1),
    );
    const [first] = results;
    if (first.status !== 'unknown' && results.every((r) => r.status === first.status)) {
      return { ...first, reason: `${first.reason ?? first.status} (on every branch of ${found.reason.replace(/, which is unknown:.*$/, '')})` } as CheckResult;
    }
    return unknown(`${found.reason}; its branches give ${results.map((r) => r.status).join(' and ')}`, found.path);
  }
  return judge(resource);
}

/** The first unknown statement field of a policy document, as a result. */
export function unknownStatement(document: unknown, path: string): CheckResult | undefined {
  const found = firstUnknown(document, path);
  return found ? unknown(found.reason, found.path) : undefined;
}
