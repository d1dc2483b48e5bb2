/**
 * The structure a reader walks, checked before it walks it. The readers are
 * lenient by design (a member of the wrong type reads as "none"), which is
 * right for optional detail but wrong for the members that hold the
 * resources: a plan whose `root_module.resources` is `"nope"` would audit as
 * zero resources, compliant. So a document that claims a format (by the keys
 * only that format has) and has one of those members with the wrong type is
 * an `InputError` naming the file, the member and what it must be.
 */
import { InputError } from '../errors';
import { isRecord } from '../values';
import { quoteForMessage } from './json-text';

type Check = (value: unknown) => boolean;
const isObject: Check = isRecord;
const isArray: Check = Array.isArray;

/** `an array`, `the string "nope"`, `null`: what was found, short enough for one line. */
function described(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${value.length} item${value.length === 1 ? '' : 's'})`;
  if (typeof value === 'string') return `the string ${quoteForMessage(value, 40)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${quoteForMessage(String(value), 40)}`;
}

/** A member path as written in the message: `planned_values.root_module.child_modules[2].resources`. */
const memberPath = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${parent ? `${parent}.` : ''}${key}` : `${parent}[${quoteForMessage(key, 60)}]`;

class Shape {
  constructor(
    private readonly source: string,
    private readonly format: string,
  ) {}

  fail(path: string, value: unknown, expected: string, hint = ''): never {
    throw new InputError(
      `${this.source}: \`${path}\` is ${described(value)}; in ${this.format} it must be ${expected}.` +
        `${hint ? ` ${hint}` : ''} The audit refuses the file rather than read its resources as none.`,
    );
  }

  /** An optional member: absent is fine, present must pass `check`. */
  optional(parent: Record<string, unknown>, key: string, at: string, check: Check, expected: string, hint?: string): unknown {
    if (!(key in parent)) return undefined;
    const value = parent[key];
    if (!check(value)) this.fail(memberPath(at, key), value, expected, hint);
    return value;
  }
}

// --- Terraform plan / state JSON (`terraform show -json`) -------------------

export function claimsTerraformPlan(doc: Record<string, unknown>): boolean {
  return typeof doc.format_version === 'string' && ('planned_values' in doc || 'values' in doc || 'terraform_version' in doc);
}

function planModule(shape: Shape, module: Record<string, unknown>, at: string): void {
  const resources = shape.optional(module, 'resources', at, isArray, 'an array of resource objects');
  (resources as unknown[] | undefined)?.forEach((r, i) => {
    const rAt = memberPath(memberPath(at, 'resources'), i);
    if (!isRecord(r)) shape.fail(rAt, r, 'a resource object');
    for (const key of ['address', 'type'] as const) {
      if (typeof r[key] !== 'string') shape.fail(memberPath(rAt, key), r[key], 'a string');
    }
    shape.optional(r, 'values', rAt, (v) => isRecord(v) || v === null, 'an object');
  });
  const children = shape.optional(module, 'child_modules', at, isArray, 'an array of module objects');
  (children as unknown[] | undefined)?.forEach((child, i) => {
    const childAt = memberPath(memberPath(at, 'child_modules'), i);
    if (!isRecord(child)) shape.fail(childAt, child, 'a module object');
    planModule(shape, child, childAt);
  });
}

function configModule(shape: Shape, module: Record<string, unknown>, at: string): void {
  shape.optional(module, 'resources', at, isArray, 'an array of resource objects');
  const calls = shape.optional(module, 'module_calls', at, isObject, 'an object of module calls');
  for (const [name, call] of Object.entries((calls as Record<string, unknown> | undefined) ?? {})) {
    const callAt = memberPath(memberPath(at, 'module_calls'), name);
    if (!isRecord(call)) shape.fail(callAt, call, 'a module call object');
    const child = shape.optional(call, 'module', callAt, isObject, 'a module object');
    if (child) configModule(shape, child as Record<string, unknown>, memberPath(callAt, 'module'));
  }
}

function checkPlan(doc: Record<string, unknown>, source: string): void {
  const shape: Shape = new Shape(source, 'Terraform plan/state JSON');
  for (const key of ['planned_values', 'values']) {
    const values = shape.optional(doc, key, '', isObject, 'an object');
    if (!values) continue;
    const root = shape.optional(values as Record<string, unknown>, 'root_module', key, isObject, 'a module object');
    if (root) planModule(shape, root as Record<string, unknown>, `${key}.root_module`);
  }
  const configuration = shape.optional(doc, 'configuration', '', isObject, 'an object');
  if (configuration) {
    const root = shape.optional(configuration as Record<string, unknown>, 'root_module', 'configuration', isObject, 'a module object');
    if (root) configModule(shape, root as Record<string, unknown>, 'configuration.root_module');
    shape.optional(configuration as Record<string, unknown>, 'provider_config', 'configuration', isObject, 'an object');
  }
}

// --- CloudFormation ---------------------------------------------------------

/** A template by its version key, or a `Resources` member that is not an object or holds a typed resource. */
export function claimsCloudFormation(doc: Record<string, unknown>): boolean {
  if ('AWSTemplateFormatVersion' in doc) return true;
  if (!('Resources' in doc)) return false;
  return !isRecord(doc.Resources) || Object.values(doc.Resources).some((r) => isRecord(r) && typeof r.Type === 'string');
}

function checkCloudFormation(doc: Record<string, unknown>, source: string): void {
  const shape: Shape = new Shape(source, 'a CloudFormation template');
  const resources = shape.optional(doc, 'Resources', '', isObject, 'an object of logical id to resource');
  for (const [id, r] of Object.entries((resources as Record<string, unknown> | undefined) ?? {})) {
    const at = memberPath('Resources', id);
    // `Fn::ForEach::Name` (AWS::LanguageExtensions) is a loop the CloudFormation reader expands, not a resource.
    if (id.startsWith('Fn::ForEach::')) continue;
    if (!isRecord(r)) shape.fail(at, r, 'a resource object with `Type`');
    if (typeof r.Type !== 'string') shape.fail(memberPath(at, 'Type'), r.Type, 'a string such as "AWS::S3::Bucket"');
    shape.optional(r, 'Properties', at, isObject, 'an object');
  }
}

// --- Terraform JSON configuration (cdktf `cdk.tf.json`) ----------------------

/** Top-level keys of Terraform's JSON configuration syntax. */
const TERRAFORM_KEYS = new Set(['//', 'resource', 'data', 'provider', 'terraform', 'variable', 'output', 'locals', 'module', 'moved', 'import', 'check', 'removed']);

export function claimsTerraformConfig(doc: Record<string, unknown>): boolean {
  const keys = Object.keys(doc);
  return isRecord(doc.terraform) || isRecord(doc.resource) || ('resource' in doc && keys.every((k) => TERRAFORM_KEYS.has(k)));
}

const LIST_FORM = 'Terraform also accepts a list of objects here; the audit reads the object form cdktf writes, so merge the list into one object.';

function checkTerraformConfig(doc: Record<string, unknown>, source: string): void {
  const shape: Shape = new Shape(source, 'a Terraform JSON configuration');
  const resource = shape.optional(doc, 'resource', '', isObject, 'an object of resource type to resources', LIST_FORM);
  for (const [type, byName] of Object.entries((resource as Record<string, unknown> | undefined) ?? {})) {
    const typeAt = memberPath('resource', type);
    if (!isRecord(byName)) shape.fail(typeAt, byName, 'an object of resource name to resource body', LIST_FORM);
    for (const [name, body] of Object.entries(byName)) {
      if (!isRecord(body)) shape.fail(memberPath(typeAt, name), body, 'a resource body object', LIST_FORM);
    }
  }
  const providers = shape.optional(doc, 'provider', '', isObject, 'an object of provider name to configuration');
  for (const [name, blocks] of Object.entries((providers as Record<string, unknown> | undefined) ?? {})) {
    const ok = isRecord(blocks) || (Array.isArray(blocks) && blocks.every(isRecord));
    if (!ok) shape.fail(memberPath('provider', name), blocks, 'an object or a list of objects');
  }
  const terraform = shape.optional(doc, 'terraform', '', isObject, 'an object');
  if (terraform) {
    const backend = shape.optional(terraform as Record<string, unknown>, 'backend', 'terraform', isObject, 'an object of backend kind to settings');
    for (const [kind, body] of Object.entries((backend as Record<string, unknown> | undefined) ?? {})) {
      if (!isRecord(body)) shape.fail(memberPath('terraform.backend', kind), body, 'an object');
    }
  }
}

/**
 * Throws an `InputError` when `doc` claims a format and a member holding
 * resources has the wrong type; returns quietly otherwise (including for
 * documents in no format at all, which the caller skips or refuses).
 */
export function checkShape(doc: Record<string, unknown>, source: string): void {
  if (claimsTerraformPlan(doc)) checkPlan(doc, source);
  else if (claimsCloudFormation(doc)) checkCloudFormation(doc, source);
  else if (claimsTerraformConfig(doc)) checkTerraformConfig(doc, source);
}
