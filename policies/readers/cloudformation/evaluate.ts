/**
 * Evaluates what a CloudFormation template fixes before deploy: parameters
 * (defaults, overridden by the user), pseudo parameters, `Conditions`,
 * `Fn::If` and `AWS::NoValue`, `Fn::Sub`, `Fn::Join`, `Fn::Select`,
 * `Fn::Split`, `Fn::FindInMap`, `Fn::Base64`, `Fn::Length`,
 * `Fn::ToJsonString`. Pure: no file system, no clock.
 *
 * Three kinds of result:
 * - plain JSON where the value is static;
 * - a symbolic reference where it names something that exists only after
 *   deploy but is well defined (`{ Ref: LogicalId }`, `{ "Fn::GetAtt": [Id,
 *   Attr] }`, or `{ "Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*" }`):
 *   `Fn::Join` and `Fn::Sub` over such parts become one `Fn::Sub` text, so
 *   a bucket named through `Fn::Sub` or `Fn::Join` reads the same either way;
 * - an unknown marker (`unknown.ts`) naming the expression that decided it.
 */
import { InputError } from '../../errors';
import { isRecord } from '../../values';
import { BRANCHES_KEY, isUnknownValue, unknownValue, type IfBranch, type UnknownValue } from './unknown';

/** What the user tells the audit about the deploy. */
export interface CloudFormationOptions {
  /** Parameter values by name; `STACK:NAME` keys apply to that stack only. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** `--aws-region`: the region when no input records one. */
  readonly region?: string;
  /** `--vault-bucket`: bucket logical ids or names that are the backup vault. */
  readonly vaultBuckets?: readonly string[];
}

/** `AWS::NoValue`: the member or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Truth of a condition: known, or unknown with the reason. */
export type Truth = boolean | UnknownValue;

export interface Scope {
  readonly label: string;
  readonly parameters: ReadonlyMap<string, unknown>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly region?: string;
  /** Account id from the CDK manifest, when it records one. */
  readonly account?: string;
  /** Logical ids of the resources that exist (condition true or unknown). */
  readonly resources: ReadonlySet<string>;
  /** `Fn::ForEach` identifiers in scope. */
  readonly loop: ReadonlyMap<string, unknown>;
  condition(name: string): Truth;
}

const PARTITION_BY_REGION: readonly [RegExp, string, string][] = [
  [/^cn-/, 'aws-cn', 'amazonaws.com.cn'],
  [/^us-gov-/, 'aws-us-gov', 'amazonaws.com'],
  [/^eusc-/, 'aws-eusc', 'amazonaws.eu'],
  [/./, 'aws', 'amazonaws.com'],
];

/** A pseudo parameter's value, or a symbolic `{ Ref }` when only the deploy knows it. */
function pseudo(name: string, scope: Scope): unknown {
  const region = scope.region;
  const partition = region ? PARTITION_BY_REGION.find(([re]) => re.test(region)) : undefined;
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Region':
      return region ?? { Ref: name };
    case 'AWS::Partition':
      return partition?.[1] ?? { Ref: name };
    case 'AWS::URLSuffix':
      return partition?.[2] ?? { Ref: name };
    case 'AWS::AccountId':
      return scope.account ?? { Ref: name };
    default:
      // AWS::StackName, AWS::StackId, AWS::NotificationARNs: well defined, known at deploy.
      return { Ref: name };
  }
}

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** A static text, a symbolic part as `${…}` Sub text, or undefined when the part is neither. */
function subText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.replace(/\$\{/g, '${!');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (!isRecord(v)) return undefined;
  if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.every((p) => typeof p === 'string')) return `\${${getAtt.join('.')}}`;
  if (typeof v['Fn::Sub'] === 'string') return v['Fn::Sub'];
  return undefined;
}

/** A Sub text as the value it stands for: a plain string once no variable is left. */
function fromSubText(text: string): unknown {
  const single = /^\$\{([^!}][^}]*)\}$/.exec(text);
  if (single) {
    const [id, ...attr] = single[1].split('.');
    return attr.length === 0 ? { Ref: id } : { 'Fn::GetAtt': [id, attr.join('.')] };
  }
  if (/\$\{[^!]/.test(text)) return { 'Fn::Sub': text };
  return text.replace(/\$\{!/g, '${');
}

/** Sets an own member, even one named `__proto__` (plain assignment would change the prototype and hide the member). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A member only when the object itself has it (never one inherited from Object.prototype). */
const own = (obj: unknown, key: string): unknown => (isRecord(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined);

/** Short description of an intrinsic for reasons: `Fn::ImportValue "shared-vpc"`. */
export function describe(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

const deepEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The first unknown among values, or undefined. */
/**
 * The first unknown among values, as a marker of its own: the branches an
 * `Fn::If` marker carries are values at that place only, not of the
 * expression around it.
 */
const anyUnknown = (...values: unknown[]): UnknownValue | undefined => {
  const found = values.find(isUnknownValue) as UnknownValue | undefined;
  return found && unknownValue(found.$unknown);
};

/** Evaluates one value of the template (a property, an output, a condition operand). */
export function evaluate(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope)).filter((v) => v !== NO_VALUE);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = value[key];
    if (key === 'Ref') return ref(arg, scope);
    if (key === 'Condition' && typeof arg === 'string') return scope.condition(arg);
    if (key.startsWith('Fn::') && !key.startsWith('Fn::ForEach::')) return intrinsic(key, arg, scope);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(expandForEach(value, scope))) {
    const evaluated = evaluate(v, scope);
    if (evaluated !== NO_VALUE) setOwn(out, k, evaluated);
  }
  return out;
}

function ref(name: unknown, scope: Scope): unknown {
  if (typeof name !== 'string') return unknownValue(`Ref ${describe(name)} is not a name`);
  if (scope.loop.has(name)) return scope.loop.get(name);
  if (scope.parameters.has(name)) return scope.parameters.get(name);
  if (PSEUDO_PARAMETERS.has(name)) return pseudo(name, scope);
  if (scope.resources.has(name)) return { Ref: name };
  return unknownValue(`Ref ${name} names no parameter or resource that exists with the given parameters`);
}

function intrinsic(key: string, arg: unknown, scope: Scope): unknown {
  switch (key) {
    case 'Fn::GetAtt': {
      const parts = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : Array.isArray(arg) ? arg.map((a) => evaluate(a, scope)) : [];
      if (parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
        return anyUnknown(...parts) ?? unknownValue(`Fn::GetAtt ${describe(arg)} is not [LogicalId, Attribute]`);
      }
      if (!scope.resources.has(parts[0])) return unknownValue(`Fn::GetAtt ${parts.join('.')} names no resource that exists with the given parameters`);
      return { 'Fn::GetAtt': parts };
    }
    case 'Fn::If':
      return fnIf(arg, scope);
    case 'Fn::Sub':
      return fnSub(arg, scope);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) return unknownValue(`Fn::Join ${describe(arg)} is not [delimiter, list]`);
      const delimiter = evaluate(arg[0], scope);
      const list = evaluate(arg[1], scope);
      const unknown = anyUnknown(delimiter, list, ...(Array.isArray(list) ? list : []));
      if (unknown) return unknown;
      if (typeof delimiter !== 'string' || !Array.isArray(list)) return unknownValue(`Fn::Join over ${describe(arg[1])}, which is not a list before deploy`);
      const texts = list.map(subText);
      if (texts.some((t) => t === undefined)) return unknownValue(`Fn::Join over ${describe(list)}, which has parts the audit cannot read as text`);
      return fromSubText(texts.join(delimiter.replace(/\$\{/g, '${!')));
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return unknownValue(`Fn::Select ${describe(arg)} is not [index, list]`);
      const index = evaluate(arg[0], scope);
      const list = evaluate(arg[1], scope);
      const unknown = anyUnknown(index, list);
      if (unknown) return unknown;
      const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : NaN;
      if (!Array.isArray(list) || !Number.isInteger(i)) return unknownValue(`Fn::Select ${describe(arg)}: the list is known only at deploy`);
      if (i < 0 || i >= list.length) return unknownValue(`Fn::Select index ${i} is outside the ${list.length}-item list ${describe(list)}`);
      return list[i];
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2) return unknownValue(`Fn::Split ${describe(arg)} is not [delimiter, text]`);
      const delimiter = evaluate(arg[0], scope);
      const text = evaluate(arg[1], scope);
      const unknown = anyUnknown(delimiter, text);
      if (unknown) return unknown;
      if (typeof delimiter !== 'string' || typeof text !== 'string') return unknownValue(`Fn::Split of ${describe(arg[1])}, which is known only at deploy`);
      return text.split(delimiter);
    }
    case 'Fn::FindInMap':
      return findInMap(arg, scope);
    case 'Fn::Base64': {
      const text = evaluate(arg, scope);
      if (isUnknownValue(text)) return anyUnknown(text);
      return typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : { 'Fn::Base64': text };
    }
    case 'Fn::Length': {
      const list = evaluate(arg, scope);
      if (isUnknownValue(list)) return anyUnknown(list);
      return Array.isArray(list) ? list.length : unknownValue(`Fn::Length of ${describe(arg)}, which is known only at deploy`);
    }
    case 'Fn::ToJsonString': {
      const v = evaluate(arg, scope);
      const unknown = anyUnknown(firstUnknownShallow(v));
      return unknown ?? JSON.stringify(v);
    }
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return truth({ [key]: arg }, scope);
    case 'Fn::ImportValue':
      return unknownValue(`Fn::ImportValue ${describe(evaluate(arg, scope))} is exported by another stack and known only at deploy`);
    case 'Fn::GetAZs':
      return unknownValue(`Fn::GetAZs ${describe(arg)}: the availability zones are known only at deploy`);
    case 'Fn::Cidr':
      return unknownValue(`Fn::Cidr ${describe(arg)} is not evaluated by the audit`);
    case 'Fn::Transform':
      return unknownValue(`Fn::Transform ${describe(arg)} runs a macro at deploy, which can return any value`);
    default:
      return unknownValue(`${key} is not an intrinsic function the audit knows`);
  }
}

/** Unknown marker anywhere in v (used where the whole value becomes one string). */
function firstUnknownShallow(v: unknown): UnknownValue | undefined {
  if (isUnknownValue(v)) return v;
  if (Array.isArray(v)) for (const x of v) { const u = firstUnknownShallow(x); if (u) return u; }
  else if (isRecord(v)) for (const x of Object.values(v)) { const u = firstUnknownShallow(x); if (u) return u; }
  return undefined;
}

function fnIf(arg: unknown, scope: Scope): unknown {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return unknownValue(`Fn::If ${describe(arg)} is not [condition, then, else]`);
  const t = scope.condition(arg[0]);
  if (t === true) return evaluate(arg[1], scope);
  if (t === false) return evaluate(arg[2], scope);
  const [a, b] = [evaluate(arg[1], scope), evaluate(arg[2], scope)];
  if (deepEqual(a, b)) return a;
  // Both outcomes travel with the marker, so a check can still decide when every branch gives the same verdict.
  const branch = (v: unknown): IfBranch => (v === NO_VALUE ? { absent: true } : { value: v });
  return { ...unknownValue(`Fn::If on condition ${arg[0]}, which is unknown: ${t.$unknown}`), [BRANCHES_KEY]: [branch(a), branch(b)] };
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function fnSub(arg: unknown, scope: Scope): unknown {
  const [template, rawVars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [evaluate(arg[0], scope), arg[1] ?? {}] : [undefined, {}];
  if (typeof template !== 'string' || !isRecord(rawVars)) return anyUnknown(template) ?? unknownValue(`Fn::Sub ${describe(arg)} is not a template string`);
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rawVars)) setOwn(vars, k, evaluate(v, scope));
  let unknown: UnknownValue | undefined;
  const text = template.replace(SUB_VARIABLE, (whole, name: string) => {
    if (name.startsWith('!')) return whole; // `${!Literal}` stays escaped until the end
    let value: unknown;
    if (Object.hasOwn(vars, name)) value = vars[name];
    else if (name.includes('.')) {
      const [id, ...attr] = name.split('.');
      value = scope.resources.has(id) ? { 'Fn::GetAtt': [id, attr.join('.')] } : unknownValue(`Fn::Sub variable \${${name}} names no resource that exists`);
    } else value = ref(name, scope);
    if (isUnknownValue(value)) unknown ??= anyUnknown(value);
    const part = subText(value);
    if (part === undefined) unknown ??= unknownValue(`Fn::Sub variable \${${name}} is ${describe(value)}, not text`);
    return part ?? '';
  });
  return unknown ?? fromSubText(text);
}

function findInMap(arg: unknown, scope: Scope): unknown {
  if (!Array.isArray(arg) || arg.length < 3) return unknownValue(`Fn::FindInMap ${describe(arg)} is not [map, key, key]`);
  const [name, top, second] = arg.slice(0, 3).map((a) => evaluate(a, scope));
  const unknown = anyUnknown(name, top, second);
  if (unknown) return unknown;
  if (![name, top, second].every((k) => typeof k === 'string' || typeof k === 'number')) {
    return unknownValue(`Fn::FindInMap ${describe([name, top, second])}: a key is known only at deploy`);
  }
  const found = own(own(own(scope.mappings, String(name)), String(top)), String(second));
  if (found !== undefined) return evaluate(found, scope);
  // AWS::LanguageExtensions: an optional 4th argument { DefaultValue }.
  const fallback = arg[3];
  if (isRecord(fallback) && 'DefaultValue' in fallback) return evaluate(fallback.DefaultValue, scope);
  return unknownValue(`Fn::FindInMap ${describe([name, top, second])} finds nothing in Mappings (the deploy would fail)`);
}

/** A condition expression's truth (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`). */
export function truth(expr: unknown, scope: Scope): Truth {
  if (typeof expr === 'boolean') return expr;
  if (!isRecord(expr) || Object.keys(expr).length !== 1) return unknownValue(`${describe(expr)} is not a condition`);
  const [key, arg] = Object.entries(expr)[0];
  if (key === 'Condition' && typeof arg === 'string') return scope.condition(arg);
  const args = Array.isArray(arg) ? arg : [];
  switch (key) {
    case 'Fn::Equals': {
      if (args.length !== 2) return unknownValue(`Fn::Equals ${describe(arg)} is not [a, b]`);
      const [a, b] = args.map((x) => evaluate(x, scope));
      const unknown = anyUnknown(a, b);
      if (unknown) return unknown;
      const text = (x: unknown) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined);
      if (text(a) !== undefined && text(b) !== undefined) return text(a) === text(b);
      if (deepEqual(a, b)) return true;
      return unknownValue(`Fn::Equals ${describe([a, b])} compares a value known only at deploy`);
    }
    case 'Fn::Not': {
      if (args.length !== 1) return unknownValue(`Fn::Not ${describe(arg)} is not [condition]`);
      const t = truth(args[0], scope);
      return typeof t === 'boolean' ? !t : t;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const decisive = key === 'Fn::Or';
      let unknown: UnknownValue | undefined;
      for (const a of args) {
        const t = truth(a, scope);
        if (t === decisive) return decisive;
        if (typeof t !== 'boolean') unknown ??= t;
      }
      return unknown ?? !decisive;
    }
    default: {
      // Fn::If may appear in conditions only through values; anything else is not a condition function.
      const v = evaluate(expr, scope);
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return isUnknownValue(v) ? v : unknownValue(`${key} is not a condition function`);
    }
  }
}

/**
 * Conditions, each evaluated once on first use; a condition that depends on
 * itself is an input error naming the cycle (CloudFormation refuses it too).
 */
export function conditionTable(conditions: Readonly<Record<string, unknown>>, label: string, scopeOf: () => Scope): (name: string) => Truth {
  const done = new Map<string, Truth>();
  const visiting: string[] = [];
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(conditions, name)) {
      throw new InputError(`${label}: condition "${name}" is used but not defined under Conditions (defined: ${Object.keys(conditions).join(', ') || 'none'}).`);
    }
    if (visiting.includes(name)) {
      throw new InputError(`${label}: circular condition ${[...visiting.slice(visiting.indexOf(name)), name].join(' → ')}; CloudFormation rejects it, so the audit cannot decide what exists.`);
    }
    visiting.push(name);
    try {
      const t = truth(conditions[name], scopeOf());
      done.set(name, typeof t === 'boolean' ? t : unknownValue(`condition ${name}: ${t.$unknown}`));
    } finally {
      visiting.pop();
    }
    return done.get(name)!;
  };
}

/** More members than any template has (CloudFormation allows 500 resources): a bound on nested loops multiplying. */
export const MAX_FOREACH_MEMBERS = 10_000;

/**
 * `Fn::ForEach::Name: [Identifier, Collection, { OutputKey: Body }]`
 * (AWS::LanguageExtensions) expanded in place: `${Identifier}` and
 * `&{Identifier}` (non-alphanumerics removed) in keys and strings, and
 * `{ Ref: Identifier }`, replaced per item. A collection known only at deploy
 * gives one member whose value is unknown.
 */
export function expandForEach(obj: Readonly<Record<string, unknown>>, scope: Scope): Record<string, unknown> {
  if (!Object.keys(obj).some((k) => k.startsWith('Fn::ForEach::'))) return obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let members = 0;
  for (const [key, value] of Object.entries(obj)) {
    if (!key.startsWith('Fn::ForEach::')) {
      setOwn(out, key, value);
      continue;
    }
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isRecord(value[2])) {
      setOwn(out, key, unknownValue(`${key} is not [Identifier, Collection, { OutputKey: OutputValue }]`));
      continue;
    }
    const [id, rawCollection, bodies] = value as [string, unknown, Record<string, unknown>];
    const collection = evaluate(rawCollection, scope);
    const items = Array.isArray(collection) && collection.every((c) => typeof c === 'string' || typeof c === 'number') ? collection.map(String) : undefined;
    for (const [keyTemplate, body] of Object.entries(bodies)) {
      if (!items) {
        const why = isUnknownValue(collection) ? collection.$unknown : `the collection ${describe(rawCollection)} is known only at deploy`;
        setOwn(out, substitute(keyTemplate, id, '*') as string, unknownValue(`${key}: ${why}`));
        continue;
      }
      for (const item of items) {
        const expanded = expandForEach({ [substitute(keyTemplate, id, item) as string]: substitute(body, id, item) }, scope);
        for (const [k, v] of Object.entries(expanded)) {
          if (Object.hasOwn(out, k) || Object.hasOwn(obj, k)) throw new InputError(`${scope.label}: ${key} produces "${k}" twice; CloudFormation rejects the template.`);
          setOwn(out, k, v);
          members += 1;
        }
        if (members > MAX_FOREACH_MEMBERS) {
          throw new InputError(`${scope.label}: ${key} expands to more than ${MAX_FOREACH_MEMBERS} members; CloudFormation allows far fewer, so the template is refused rather than read in part.`);
        }
      }
    }
  }
  return out;
}

/** The ForEach identifier replaced by `item` in keys, strings and `{ Ref: id }`. */
function substitute(v: unknown, id: string, item: string): unknown {
  if (typeof v === 'string') return v.split(`\${${id}}`).join(item).split(`&{${id}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
  if (Array.isArray(v)) return v.map((x) => substitute(x, id, item));
  if (!isRecord(v)) return v;
  if (Object.keys(v).length === 1 && v.Ref === id) return item;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [substitute(k, id, item) as string, substitute(x, id, item)]));
}
