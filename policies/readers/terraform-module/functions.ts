/**
 * The Terraform functions the audit evaluates on known values. Each takes the
 * evaluated arguments (never unknown: the evaluator answers unknown for an
 * unknown argument before calling) and returns a value or throws `EvalError`
 * where Terraform would report an error. A function not listed here makes
 * its call unknown.
 */

import { isMap } from './unknown';

/** Where Terraform itself would stop with an error (inside `try()` it falls through to the next argument). */
export class EvalError extends Error {}

const list = (v: unknown, fn: string): unknown[] => {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${fn}: expected a list, got ${JSON.stringify(v)}`);
};

const str = (v: unknown, fn: string): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError(`${fn}: expected a string, got ${JSON.stringify(v)}`);
};

const int = (v: unknown, fn: string): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  throw new EvalError(`${fn}: expected a whole number, got ${JSON.stringify(v)}`);
};

/** Numbers and numeric strings (Terraform converts them), else an error. */
export const number = (v: unknown, fn: string): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  throw new EvalError(`${fn}: expected a number, got ${JSON.stringify(v)}`);
};

/** Deep equality of JSON-like values (sets dedupe with it). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

function unique(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => same(o, v))) out.push(v);
  return out;
}

/** `format` verbs the audit knows: %s %d %v %q %%; anything else is unknown. */
function format(spec: string, args: unknown[]): string | undefined {
  let i = 0;
  let bad = false;
  const out = spec.replace(/%([%sdvq])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) {
      bad = true;
      return '';
    }
    const a = args[i++];
    if (verb === 'd') return String(int(a, 'format'));
    if (verb === 'q') return JSON.stringify(str(a, 'format'));
    return typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : JSON.stringify(a);
  });
  if (bad || /%[^%sdvq]/.test(spec.replace(/%%/g, ''))) return undefined;
  return out;
}

type Fn = (args: unknown[]) => unknown;

/** Result `undefined` from a function means "not evaluated": the call stays unknown. */
export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  concat: (a) => a.flatMap((x) => list(x, 'concat')),
  merge: (a) => {
    const out: Record<string, unknown> = {};
    for (const x of a) {
      if (x === null) continue;
      if (!isMap(x)) throw new EvalError('merge: expected maps or objects');
      Object.assign(out, x);
    }
    return out;
  },
  lookup: (a) => {
    const [m, key, fallback] = a;
    if (!isMap(m)) throw new EvalError('lookup: expected a map');
    const k = str(key, 'lookup');
    if (k in m) return m[k];
    if (a.length < 3) throw new EvalError(`lookup: no key "${k}" and no default`);
    return fallback;
  },
  length: (a) => {
    const [x] = a;
    if (typeof x === 'string') return [...x].length;
    if (Array.isArray(x)) return x.length;
    if (isMap(x)) return Object.keys(x).length;
    throw new EvalError('length: expected a string or a collection');
  },
  split: (a) => str(a[1], 'split').split(str(a[0], 'split')),
  join: (a) => a.slice(1).flatMap((x) => list(x, 'join')).map((x) => str(x, 'join')).join(str(a[0], 'join')),
  element: (a) => {
    const l = list(a[0], 'element');
    if (l.length === 0) throw new EvalError('element: empty list');
    const i = int(a[1], 'element');
    return l[((i % l.length) + l.length) % l.length];
  },
  format: (a) => format(str(a[0], 'format'), a.slice(1)),
  tolist: (a) => list(a[0], 'tolist'),
  toset: (a) => unique(list(a[0], 'toset')),
  tomap: (a) => {
    if (!isMap(a[0])) throw new EvalError('tomap: expected an object');
    return a[0];
  },
  tostring: (a) => (a[0] === null ? null : str(a[0], 'tostring')),
  tonumber: (a) => {
    if (a[0] === null) return null;
    const n = Number(a[0]);
    if (typeof a[0] === 'boolean' || !Number.isFinite(n)) throw new EvalError('tonumber: not a number');
    return n;
  },
  tobool: (a) => {
    if (a[0] === null || typeof a[0] === 'boolean') return a[0];
    if (a[0] === 'true' || a[0] === 'false') return a[0] === 'true';
    throw new EvalError('tobool: not a bool');
  },
  flatten: (a) => {
    const flat = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    return list(a[0], 'flatten').flatMap(flat);
  },
  distinct: (a) => unique(list(a[0], 'distinct')),
  compact: (a) => list(a[0], 'compact').filter((x) => x !== null && x !== ''),
  contains: (a) => list(a[0], 'contains').some((x) => same(x, a[1])),
  keys: (a) => {
    if (!isMap(a[0])) throw new EvalError('keys: expected a map');
    return Object.keys(a[0]).sort();
  },
  values: (a) => {
    if (!isMap(a[0])) throw new EvalError('values: expected a map');
    const m = a[0];
    return Object.keys(m)
      .sort()
      .map((k) => m[k]);
  },
  coalesce: (a) => {
    const hit = a.find((x) => x !== null && x !== '');
    if (hit === undefined) throw new EvalError('coalesce: no non-null argument');
    return hit;
  },
  lower: (a) => str(a[0], 'lower').toLowerCase(),
  upper: (a) => str(a[0], 'upper').toUpperCase(),
  trimspace: (a) => str(a[0], 'trimspace').trim(),
  replace: (a) => {
    const [s, search, rep] = a.map((x) => str(x, 'replace'));
    // A /regex/ search uses Go regexp syntax, which the audit does not emulate.
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) return undefined;
    return s.split(search).join(rep);
  },
  zipmap: (a) => {
    const ks = list(a[0], 'zipmap');
    const vs = list(a[1], 'zipmap');
    const out: Record<string, unknown> = {};
    ks.forEach((k, i) => (out[str(k, 'zipmap')] = vs[i]));
    return out;
  },
  range: (a) => {
    const n = a.map((x) => int(x, 'range'));
    const [start, end, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? (n[0] <= n[1] ? 1 : -1)];
    if (step === 0 || Math.abs((end - start) / step) > 1024) throw new EvalError('range: too many elements');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  min: (a) => Math.min(...a.map((x) => number(x, 'min'))),
  max: (a) => Math.max(...a.map((x) => number(x, 'max'))),
};
