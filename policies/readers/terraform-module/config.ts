/**
 * One Terraform module's configuration, merged from all its files as
 * Terraform merges them. Each file is HCL JSON: hcl2json's rendering of a
 * `.tf` file, or a `.tf.json` written by hand. Per the HCL JSON
 * specification a block's labels and its body may each be an object or an
 * array of objects; both read alike here, so the array form (what hcl2json
 * itself writes) is never "zero resources".
 */
import { InputError } from '../../errors';
import { isRecord } from '../../values';

export interface Located<T> {
  readonly file: string;
  readonly value: T;
}

export interface ResourceBlock {
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly file: string;
}

export interface ModuleCall {
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly file: string;
}

export interface VariableDecl {
  readonly file: string;
  readonly hasDefault: boolean;
  readonly default: unknown;
  /** The type constraint as written (`string`, `list(string)`), when there is one. */
  readonly type?: string;
}

export interface ModuleConfig {
  readonly dir: string;
  readonly files: string[];
  readonly variables: Map<string, VariableDecl>;
  readonly locals: Map<string, Located<unknown>>;
  readonly outputs: Map<string, Located<unknown>>;
  readonly resources: ResourceBlock[];
  readonly moduleCalls: ModuleCall[];
  readonly providers: { name: string; body: Record<string, unknown>; file: string }[];
  readonly backends: { kind: string; body: Record<string, unknown>; file: string }[];
}

export const emptyModule = (dir: string): ModuleConfig => ({
  dir,
  files: [],
  variables: new Map(),
  locals: new Map(),
  outputs: new Map(),
  resources: [],
  moduleCalls: [],
  providers: [],
  backends: [],
});

const described = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array holding something other than objects' : typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 40))}` : `a ${typeof v}`;

/**
 * Objects of a member written as one object or an array of objects (the HCL
 * JSON forms). Anything else is refused: dropping it would hide its blocks
 * from the audit, which Terraform would refuse or read differently.
 */
function bodies(v: unknown, where: string, file: string): Record<string, unknown>[] {
  if (v === undefined) return [];
  if (isRecord(v)) return [v];
  if (Array.isArray(v) && v.every(isRecord)) return v;
  throw new InputError(`${file}: \`${where}\` is ${described(v)}; in Terraform JSON a block is an object, or an array of objects. The audit refuses the file rather than read its blocks as none.`);
}

/** Calls `fn(labels, body)` for every block of a type with `depth` labels. */
function eachBlock(
  v: unknown,
  depth: number,
  where: { readonly path: string; readonly file: string },
  fn: (labels: string[], body: Record<string, unknown>) => void,
  labels: string[] = [],
): void {
  // The path is only ever needed for an error message: not built for every block.
  const objs = isRecord(v) ? [v] : bodies(v, [where.path, ...labels].join('.'), where.file);
  for (const obj of objs) {
    if (depth === 0) fn(labels, obj);
    else for (const [label, inner] of Object.entries(obj)) if (label !== '//') eachBlock(inner, depth - 1, where, fn, [...labels, label]);
  }
}

/** `"${list(string)}"` / `"list(string)"` → `list(string)`. */
const typeText = (v: unknown): string | undefined =>
  typeof v === 'string' ? (/^\$\{[\s\S]*\}$/.test(v) ? v.slice(2, -1) : v).trim() : undefined;

function duplicate(what: string, file: string, first: string): never {
  throw new InputError(`${file}: ${what} is declared twice (first in ${first}); Terraform refuses such a module.`);
}

/**
 * Each module's resource addresses and the file that declared each, kept as
 * files are added: rebuilding it for every file would cost the square of the
 * module's size (a 1,000-file module has tens of thousands of blocks).
 */
const declaredIn = new WeakMap<ModuleConfig, Map<string, string>>();

/** Adds one file's blocks to the module, refusing what Terraform refuses (duplicate resources, variables, locals, outputs, module calls). */
export function addFile(mod: ModuleConfig, doc: Record<string, unknown>, file: string): void {
  mod.files.push(file);
  let seen = declaredIn.get(mod);
  if (!seen) declaredIn.set(mod, (seen = new Map(mod.resources.map((r) => [`${r.type}.${r.name}`, r.file]))));
  eachBlock(doc.resource, 2, { path: 'resource', file }, ([type, name], body) => {
    const address = `${type}.${name}`;
    const first = seen.get(address);
    if (first) duplicate(`resource ${address}`, file, first);
    seen!.set(address, file);
    mod.resources.push({ type, name, body, file });
  });
  eachBlock(doc.variable, 1, { path: 'variable', file }, ([name], body) => {
    const first = mod.variables.get(name);
    if (first) duplicate(`variable "${name}"`, file, first.file);
    mod.variables.set(name, { file, hasDefault: 'default' in body, default: body.default, type: typeText(body.type) });
  });
  eachBlock(doc.locals, 0, { path: 'locals', file }, (_, body) => {
    for (const [name, value] of Object.entries(body)) {
      if (name === '//') continue;
      const first = mod.locals.get(name);
      if (first) duplicate(`local "${name}"`, file, first.file);
      mod.locals.set(name, { file, value });
    }
  });
  eachBlock(doc.output, 1, { path: 'output', file }, ([name], body) => {
    const first = mod.outputs.get(name);
    if (first) duplicate(`output "${name}"`, file, first.file);
    mod.outputs.set(name, { file, value: body.value });
  });
  eachBlock(doc.module, 1, { path: 'module', file }, ([name], body) => {
    const first = mod.moduleCalls.find((m) => m.name === name);
    if (first) duplicate(`module "${name}"`, file, first.file);
    mod.moduleCalls.push({ name, body, file });
  });
  eachBlock(doc.provider, 1, { path: 'provider', file }, ([name], body) => mod.providers.push({ name, body, file }));
  eachBlock(doc.terraform, 0, { path: 'terraform', file }, (_, body) => eachBlock(body.backend, 1, { path: 'terraform.backend', file }, ([kind], b) => mod.backends.push({ kind, body: b, file })));
}

/** Top-level keys of a Terraform configuration file (HCL JSON), to recognise one. */
export const CONFIG_KEYS = ['resource', 'data', 'variable', 'locals', 'output', 'provider', 'terraform', 'module', 'moved', 'import', 'check', 'removed'];
