/**
 * Parameter values for one template: the user's value (`--cfn-parameter`,
 * `--cfn-parameters-file`), else the `Default`, else unknown. Values the
 * template forbids (`AllowedValues`, `AllowedPattern`) are input errors:
 * CloudFormation would refuse the deploy, so the audit must not judge it.
 */
import { InputError } from '../../errors';
import { isRecord } from '../../values';
import { quoteForMessage } from '../json-text';
import { unknownValue } from './unknown';

const LIST_TYPE = /^(CommaDelimitedList|List<.+>)$/;

/** The user's value for a parameter of `stack`: `STACK:NAME` wins over `NAME`. */
function override(parameters: Readonly<Record<string, string>> | undefined, stack: string, name: string): string | undefined {
  if (!parameters) return undefined;
  const get = (key: string) => (Object.hasOwn(parameters, key) ? parameters[key] : undefined);
  return get(`${stack}:${name}`) ?? get(name);
}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? v.map(String).join(',') : undefined;

/** Every parameter's value (string, list of strings, or an unknown marker). */
export function parameterValues(
  declared: unknown,
  stack: string,
  label: string,
  parameters: Readonly<Record<string, string>> | undefined,
): Map<string, unknown> {
  const values = new Map<string, unknown>();
  // A value meant for this stack by name that the template does not declare is a typo: the default would silently stand.
  for (const key of Object.keys(parameters ?? {})) {
    const name = key.startsWith(`${stack}:`) ? key.slice(stack.length + 1) : undefined;
    if (name !== undefined && !(isRecord(declared) && Object.hasOwn(declared, name))) {
      throw new InputError(`${label}: --cfn-parameter ${key} names no parameter of stack ${stack} (declared: ${isRecord(declared) ? Object.keys(declared).join(', ') || 'none' : 'none'}).`);
    }
  }
  if (!isRecord(declared)) return values;
  for (const [name, spec] of Object.entries(declared)) {
    const p = isRecord(spec) ? spec : {};
    const type = typeof p.Type === 'string' ? p.Type : 'String';
    const given = override(parameters, stack, name);
    const text = given ?? asText(p.Default);
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      values.set(name, unknownValue(`parameter ${name} is read from SSM Parameter Store (${text ?? 'no name'}) at deploy`));
      continue;
    }
    if (text === undefined) {
      values.set(name, unknownValue(`parameter ${name} has no Default; pass --cfn-parameter ${name}=VALUE`));
      continue;
    }
    const allowed = Array.isArray(p.AllowedValues) ? p.AllowedValues.map(asText) : undefined;
    if (given !== undefined && allowed && !allowed.includes(given)) {
      throw new InputError(`${label}: parameter ${name} is ${quoteForMessage(given)}; the template allows ${allowed.map((a) => quoteForMessage(a ?? '')).join(', ')}.`);
    }
    if (given !== undefined && typeof p.AllowedPattern === 'string' && !LIST_TYPE.test(type)) {
      let pattern: RegExp | undefined;
      try {
        pattern = new RegExp(`^(?:${p.AllowedPattern})$`, 'u');
      } catch {
        pattern = undefined; // a pattern JavaScript cannot compile is CloudFormation's to judge
      }
      if (pattern && !pattern.test(given)) {
        throw new InputError(`${label}: parameter ${name} is ${quoteForMessage(given)}, which does not match its AllowedPattern ${quoteForMessage(p.AllowedPattern)}.`);
      }
    }
    values.set(name, LIST_TYPE.test(type) ? (text === '' ? [] : text.split(',')) : text);
  }
  return values;
}

/**
 * A parameters file as `aws cloudformation deploy --parameter-overrides
 * file://…` and `create-stack --parameters file://…` take it, or as CodePipeline
 * template configuration: `["Key=Value", …]`, `[{ "ParameterKey": …,
 * "ParameterValue": … }]` or `{ "Parameters": { Key: Value } }`.
 */
export function parseParametersFile(doc: unknown, label: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const set = (key: unknown, value: unknown, where: string) => {
    const text = asText(value);
    if (typeof key !== 'string' || !/^[A-Za-z0-9:_-]+$/.test(key) || text === undefined) {
      throw new InputError(`${label}: ${where} is not a parameter (expected "Key=Value", { "ParameterKey", "ParameterValue" } or { "Parameters": { Key: Value } }).`);
    }
    out[key] = text;
  };
  if (isRecord(doc) && isRecord(doc.Parameters)) {
    for (const [k, v] of Object.entries(doc.Parameters)) set(k, v, `Parameters.${k}`);
    return out;
  }
  if (!Array.isArray(doc)) throw new InputError(`${label}: expected a list of "Key=Value" strings or { "ParameterKey", "ParameterValue" } objects, or { "Parameters": { … } }.`);
  doc.forEach((item, i) => {
    if (typeof item === 'string') {
      const eq = item.indexOf('=');
      set(eq > 0 ? item.slice(0, eq) : undefined, eq > 0 ? item.slice(eq + 1) : undefined, `item ${i + 1} (${quoteForMessage(item)})`);
    } else if (isRecord(item) && item.UsePreviousValue === true) {
      throw new InputError(`${label}: item ${i + 1} uses UsePreviousValue, which only the deployed stack knows; give the value.`);
    } else {
      set(isRecord(item) ? item.ParameterKey : undefined, isRecord(item) ? item.ParameterValue : undefined, `item ${i + 1}`);
    }
  });
  return out;
}

/** `NAME=VALUE` or `STACK:NAME=VALUE` from the command line. */
export function parseParameterFlag(flag: string): [string, string] {
  const eq = flag.indexOf('=');
  if (eq <= 0 || !/^[A-Za-z0-9:_.-]+$/.test(flag.slice(0, eq))) {
    throw new InputError(`--cfn-parameter is ${quoteForMessage(flag)}; expected NAME=VALUE or STACK:NAME=VALUE.`);
  }
  return [flag.slice(0, eq), flag.slice(eq + 1)];
}
