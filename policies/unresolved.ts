/**
 * The engine's last word on a check result: a pass or a fail whose deciding
 * attribute (the result's path) holds a value only known at apply time is
 * `unknown`, naming that expression. Checks are written against known values
 * (`isTrue`, `strings`, "is it the string private?"); read naively, an
 * unresolved `${var.x}` is "not true" (a wrong fail) or "not false" (a wrong
 * pass). A wrong "known" answer is worse than unknown, so the engine settles
 * it once for every check.
 *
 * A reference to another resource (`${digitalocean_vpc.main.id}`, also inside
 * a template) is not unknown here: linking to the right resource is what
 * many checks decide on, and they follow such references through the index.
 */
import type { CheckResult, InventoryResource } from './types';
import { unknown } from './types';

// `type.name`, optionally inside modules and with a count/for_each key, then attributes.
const RESOURCE_REFERENCE = /^\s*(?:module\.[\w-]+(?:\[[^\]]+\])?\.)*[a-z][a-z0-9]*_[a-z0-9_]+\.[\w-]+(?:\[[^\]]+\])?(?:\.[\w-]+)*\s*$/;

/**
 * The string when it is wholly one apply-time expression (`${var.acl}`,
 * `${concat(…)}`), or undefined: a template with known text around its
 * interpolations (`s3://bucket/x?region=fra1&key=${var.k}`) leaves the
 * check its known parts to judge, and a plain resource reference is a link.
 */
function openExpression(v: string): string | undefined {
  if (!v.startsWith('${') || !v.endsWith('}')) return undefined;
  // The first `${` must close at the very end (braces inside quoted strings are rare enough to err towards "template").
  let depth = 0;
  for (let i = 1; i < v.length; i++) {
    if (v[i] === '{') depth += 1;
    else if (v[i] === '}' && --depth === 0 && i !== v.length - 1) return undefined;
  }
  return RESOURCE_REFERENCE.test(v.slice(2, -1)) ? undefined : v;
}

const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

/** One step of a path: a key, or a list index (`text` as written, e.g. `[0]`). */
interface Segment {
  readonly key: string;
  readonly index?: number;
  readonly text: string;
}

/** Paths parsed once: the same few recur for every resource a control applies to. */
const SEGMENTS = new Map<string, readonly Segment[]>();
function segmentsOf(path: string): readonly Segment[] {
  let segments = SEGMENTS.get(path);
  if (!segments) {
    segments = [...path.matchAll(SEGMENT)].map((m) => (m[1] !== undefined ? { key: m[0], index: Number(m[1]), text: m[0] } : { key: m[0], text: m[0] }));
    if (SEGMENTS.size < 10_000) SEGMENTS.set(path, segments);
  }
  return segments;
}

/** The path of the first `n` segments, as `unresolvedAt` reports it (`a.b[0].c`). */
function pathOf(segments: readonly Segment[], n: number): string {
  let at = '';
  for (let i = 0; i < n; i++) {
    const s = segments[i]!;
    at += s.index !== undefined ? s.text : at ? `.${s.key}` : s.key;
  }
  return at;
}

/**
 * The unresolved value met on the way to `path` or at it (for a pass, also an
 * element of the list found there), with the path prefix where it stands.
 * The prefix text is built only when something is found.
 */
function unresolvedAt(values: unknown, path: string, elements: boolean): { at: string; value: string } | undefined {
  const segments = segmentsOf(path);
  let cur: unknown = values;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (typeof cur === 'string') {
      const open = openExpression(cur);
      return open && i > 0 ? { at: pathOf(segments, i), value: open } : undefined;
    }
    if (s.index !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s.index];
      continue;
    }
    if (Array.isArray(cur)) {
      if (cur.length !== 1) return undefined;
      cur = cur[0];
    }
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[s.key];
  }
  if (typeof cur === 'string') {
    const open = openExpression(cur);
    return open ? { at: pathOf(segments, segments.length), value: open } : undefined;
  }
  if (elements && Array.isArray(cur)) {
    for (const [i, x] of cur.entries()) {
      const open = typeof x === 'string' ? openExpression(x) : undefined;
      if (open) return { at: `${pathOf(segments, segments.length)}[${i}]`, value: open };
    }
  }
  return undefined;
}

/**
 * `result`, or `unknown` when its deciding value is only known at apply time:
 * for a pass, any apply-time value on the way to its path, at it or in the
 * list there; for a fail, one that kept the check from reaching its
 * attribute, a whole attribute that is unknown, or the value quoted as a
 * literal (`"${var.acl}"`). A check that fails one list element for being an
 * interpolation (a secret passed through one, Helm values it cannot read)
 * keeps its fail.
 */
export function settleUnresolved(resource: InventoryResource, result: CheckResult): CheckResult {
  if ((result.status !== 'pass' && result.status !== 'fail') || !result.path) return result;
  // Fast path (once per control × resource): a top-level value that is a literal decides nothing unknown.
  let end = 0;
  while (end < result.path.length && result.path[end] !== '.' && result.path[end] !== '[') end++;
  const top = resource.values[end === result.path.length ? result.path : result.path.slice(0, end)];
  if (top === undefined || top === null || typeof top === 'number' || typeof top === 'boolean' || (typeof top === 'string' && !top.includes('${'))) return result;
  const open = unresolvedAt(resource.values, result.path, result.status === 'pass');
  if (!open) return result;
  // A fail on a whole attribute that is unknown (`forwarding_rule = var.rules` read as "no rule"), or quoting the
  // value as if it were a literal (`region "${var.r}" is not an EU region`), read it naively; a fail on one
  // element (`env[0].value`, `values[1]`) that is an interpolation is a deliberate verdict on that element.
  if (result.status === 'fail' && open.at === result.path && result.path.includes('[') && !result.reason.includes(`"${open.value}"`)) return result;
  return unknown(`${open.at} = ${open.value}: only known at apply time, so the check cannot decide (it would have said: ${result.reason ?? result.status})`, open.at);
}
