/**
 * Static evaluation of Terraform expressions, as far as it is sound: literal
 * values, variables with a value, locals, local module outputs, the functions
 * in `functions.ts`, operators, conditionals and `for` expressions over known
 * collections. Everything else (data sources, other resources' attributes,
 * unset variables, unknown functions, template directives) is an `Unknown`
 * naming the expression, never a guess.
 */
import { parseTemplate, Unsupported, type Node, type SplatOp } from './expression';
import { EvalError, FUNCTIONS, number, same } from './functions';
import { hasUnknown, isMap, Unknown } from './unknown';

/** What names mean where an expression is evaluated (one module instance, plus iterators). */
export interface Scope {
  /** `var.NAME`: the value, or an `Unknown` when it has none. */
  variable(name: string): unknown;
  /** `local.NAME`, evaluated on first use (cycles are an input error). */
  local(name: string): unknown;
  /** `module.NAME`: its outputs (a list / map of them with count / for_each), or an `Unknown`. */
  module(name: string): unknown;
  /**
   * `type.name` of a managed resource of this module: its instances, each an
   * `Unknown` named by its address (a list with count, a map with for_each),
   * so `[for d in digitalocean_droplet.web : d.id]` names every instance.
   * Undefined when the module has no such resource.
   */
  resource?(type: string, name: string): unknown;
  /** Module path of this instance (`module.db.`), put before resource references in unknowns. */
  readonly prefix: string;
  /** `count`, `each`, dynamic block iterators and `for` variables in effect. */
  readonly iterators: ReadonlyMap<string, unknown>;
}

export const withIterators = (scope: Scope, add: Record<string, unknown>): Scope => {
  const iterators = new Map(scope.iterators);
  for (const [k, v] of Object.entries(add)) iterators.set(k, v);
  return {
    variable: (n) => scope.variable(n),
    local: (n) => scope.local(n),
    module: (n) => scope.module(n),
    resource: scope.resource ? (t, n) => scope.resource!(t, n) : undefined,
    prefix: scope.prefix,
    iterators,
  };
};

/** Functions whose result is right even when elements inside their (known) arguments are unknown. */
const STRUCTURAL = new Set(['concat', 'merge', 'tolist', 'length', 'element', 'lookup', 'keys']);

class Evaluator {
  constructor(
    readonly text: string,
    readonly scope: Scope,
  ) {}

  src(n: { s: number; e: number }): string {
    return this.text.slice(n.s, n.e);
  }

  /** An unknown reached through `node` from `base`: the base's expression plus the traversal written after it. */
  through(base: Unknown, obj: Node, node: Node): Unknown {
    return new Unknown(base.expr + this.text.slice(obj.e, node.e));
  }

  eval(n: Node): unknown {
    switch (n.k) {
      case 'lit':
        return n.v;
      case 'tpl':
        return this.template(n);
      case 'root':
        if (this.scope.iterators.has(n.name)) return this.scope.iterators.get(n.name);
        return new Unknown(this.src(n));
      case 'attr':
        return this.attr(n);
      case 'index': {
        const obj = this.eval(n.obj);
        const key = this.eval(n.key);
        if (obj instanceof Unknown) return this.through(obj, n.obj, n);
        if (key instanceof Unknown) return new Unknown(this.src(n));
        return index(obj, key);
      }
      case 'splat':
        return this.splat(n);
      case 'call':
        return this.call(n);
      case 'tuple':
        return n.items.map((i) => this.eval(i));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [kn, vn] of n.items) {
          const key = this.eval(kn);
          if (key instanceof Unknown) return new Unknown(this.src(n));
          out[asString(key)] = this.eval(vn);
        }
        return out;
      }
      case 'for':
        return this.forExpr(n);
      case 'cond': {
        const c = this.eval(n.c);
        if (c instanceof Unknown) return new Unknown(this.src(n));
        return asBool(c) ? this.eval(n.t) : this.eval(n.f);
      }
      case 'bin': {
        const l = this.eval(n.l);
        const r = this.eval(n.r);
        if (hasUnknown(l) || hasUnknown(r)) return new Unknown(this.src(n));
        return binary(n.op, l, r);
      }
      case 'un': {
        const x = this.eval(n.x);
        if (x instanceof Unknown) return new Unknown(this.src(n));
        return n.op === '!' ? !asBool(x) : -number(x, 'negation');
      }
    }
  }

  template(n: Node & { k: 'tpl' }): unknown {
    let out = '';
    let partial = '';
    let unknown = false;
    for (const p of n.parts) {
      if (typeof p === 'string') {
        out += p;
        partial += p;
        continue;
      }
      const v = this.eval(p);
      if (hasUnknown(v)) {
        unknown = true;
        partial += v instanceof Unknown ? `\${${v.expr}}` : `\${${this.src(p)}}`;
      } else {
        const s = asString(v);
        out += s;
        partial += s;
      }
    }
    return unknown ? new Unknown(this.src(n), partial) : out;
  }

  attr(n: Node & { k: 'attr' }): unknown {
    if (n.obj.k === 'root' && !this.scope.iterators.has(n.obj.name)) {
      switch (n.obj.name) {
        case 'var':
          return this.scope.variable(n.name);
        case 'local':
          return this.scope.local(n.name);
        case 'module':
          return this.scope.module(n.name);
        case 'data':
        case 'path':
        case 'terraform':
        case 'self':
          return new Unknown(this.src(n));
        default:
          // `type.name`: another resource, whose attributes are known at apply time.
          return this.scope.resource?.(n.obj.name, n.name) ?? new Unknown(this.scope.prefix + this.src(n));
      }
    }
    const obj = this.eval(n.obj);
    if (obj instanceof Unknown) return this.through(obj, n.obj, n);
    if (isMap(obj) && n.name in obj) return obj[n.name];
    throw new EvalError(`${this.src(n)}: no attribute "${n.name}"`);
  }

  splat(n: Node & { k: 'splat' }): unknown {
    const obj = this.eval(n.obj);
    if (obj instanceof Unknown) return this.through(obj, n.obj, n);
    const items = obj === null ? [] : Array.isArray(obj) ? obj : [obj];
    return items.map((item) => {
      let cur: unknown = item;
      for (const op of n.ops as SplatOp[]) {
        if (cur instanceof Unknown) {
          if (!('attr' in op)) return new Unknown(this.src(n));
          cur = new Unknown(`${cur.expr}.${op.attr}`);
          continue;
        }
        if ('attr' in op) {
          if (!isMap(cur) || !(op.attr in cur)) throw new EvalError(`${this.src(n)}: no attribute "${op.attr}"`);
          cur = cur[op.attr];
        } else {
          const key = this.eval(op.index);
          if (key instanceof Unknown) return new Unknown(this.src(n));
          cur = index(cur, key);
        }
      }
      return cur;
    });
  }

  call(n: Node & { k: 'call' }): unknown {
    if (n.name === 'try' || n.name === 'can') {
      for (const a of n.args) {
        let v: unknown;
        try {
          v = this.eval(a);
        } catch (err) {
          if (err instanceof EvalError) {
            if (n.name === 'can') return false;
            continue;
          }
          throw err;
        }
        if (hasUnknown(v)) return new Unknown(this.src(n));
        return n.name === 'can' ? true : v;
      }
      if (n.name === 'can') return true;
      throw new EvalError(`${this.src(n)}: no argument could be evaluated`);
    }
    const fn = FUNCTIONS[n.name];
    if (!fn) return new Unknown(this.src(n));
    let args = n.args.map((a) => this.eval(a));
    if (n.expand) {
      const last = args[args.length - 1];
      if (last instanceof Unknown) return new Unknown(this.src(n));
      if (!Array.isArray(last)) throw new EvalError(`${this.src(n)}: "..." needs a list`);
      args = [...args.slice(0, -1), ...last];
    }
    const unknownArg = STRUCTURAL.has(n.name) ? args.some((a) => a instanceof Unknown) : args.some(hasUnknown);
    if (unknownArg) return new Unknown(this.src(n));
    const out = fn(args);
    return out === undefined ? new Unknown(this.src(n)) : out;
  }

  forExpr(n: Node & { k: 'for' }): unknown {
    const coll = this.eval(n.coll);
    if (coll instanceof Unknown) return new Unknown(this.src(n));
    let pairs: [unknown, unknown][];
    if (Array.isArray(coll)) pairs = coll.map((v, i) => [i, v]);
    else if (isMap(coll)) pairs = Object.keys(coll).sort().map((k) => [k, coll[k]]);
    else throw new EvalError(`${this.src(n)}: cannot iterate over ${JSON.stringify(coll)}`);
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    for (const [k, v] of pairs) {
      const inner = new Evaluator(this.text, withIterators(this.scope, { ...(n.keyVar ? { [n.keyVar]: k } : {}), [n.valVar]: v }));
      if (n.cond) {
        const c = inner.eval(n.cond);
        if (c instanceof Unknown) return new Unknown(this.src(n));
        if (!asBool(c)) continue;
      }
      const value = inner.eval(n.valExpr);
      if (!n.keyExpr) {
        list.push(value);
        continue;
      }
      const key = inner.eval(n.keyExpr);
      if (key instanceof Unknown) return new Unknown(this.src(n));
      const ks = asString(key);
      if (n.group) ((map[ks] ??= []) as unknown[]).push(value);
      else if (ks in map) throw new EvalError(`${this.src(n)}: duplicate key "${ks}"`);
      else map[ks] = value;
    }
    return n.keyExpr ? map : list;
  }
}

function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError(`cannot use ${JSON.stringify(v)} as a string`);
}

function asBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new EvalError(`cannot use ${JSON.stringify(v)} as a bool`);
}

function index(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj)) {
    const i = number(key, 'index');
    if (!Number.isInteger(i) || i < 0 || i >= obj.length) throw new EvalError(`index ${String(key)} out of range`);
    return obj[i];
  }
  if (isMap(obj)) {
    const k = asString(key);
    if (!(k in obj)) throw new EvalError(`no key "${k}"`);
    return obj[k];
  }
  throw new EvalError(`cannot index ${JSON.stringify(obj)}`);
}

function binary(op: string, l: unknown, r: unknown): unknown {
  switch (op) {
    case '==':
      return same(l, r);
    case '!=':
      return !same(l, r);
    case '&&':
      return asBool(l) && asBool(r);
    case '||':
      return asBool(l) || asBool(r);
  }
  const a = number(l, op);
  const b = number(r, op);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new EvalError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new EvalError('division by zero');
      return a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new EvalError(`operator ${op}`);
}

/** The text inside `${…}` when a value is one whole interpolation, for naming it; else the value as JSON. */
export const describe = (raw: string): string => (/^\$\{[\s\S]*\}$/.test(raw) ? raw.slice(2, -1) : raw);

/**
 * One value as HCL JSON writes it: a string is a template, arrays and objects
 * hold further values (object keys may be templates too). The result may hold
 * `Unknown`s. An evaluation error (what Terraform would refuse at plan) or a
 * construct the audit does not evaluate leaves the value unknown.
 */
export function evaluateValue(raw: unknown, scope: Scope): unknown {
  if (typeof raw === 'string') {
    // Fast path: no interpolation, no directive and no escape of either.
    if (!raw.includes('{')) return raw;
    let node: Node;
    try {
      node = parseTemplate(raw);
    } catch (err) {
      if (err instanceof Unsupported) return new Unknown(describe(raw));
      throw err;
    }
    try {
      return new Evaluator(raw, scope).eval(node);
    } catch (err) {
      if (err instanceof EvalError || err instanceof RangeError) return new Unknown(describe(raw));
      throw err;
    }
  }
  if (Array.isArray(raw)) return raw.map((x) => evaluateValue(x, scope));
  if (isMap(raw)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      const key = k.includes('${') ? evaluateValue(k, scope) : k;
      out[typeof key === 'string' ? key : k] = evaluateValue(v, scope);
    }
    return out;
  }
  return raw;
}
