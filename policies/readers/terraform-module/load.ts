/**
 * Loads a module folder as Terraform does: every `*.tf` and `*.tf.json` in
 * it (not in sub-folders), merged into one configuration, plus its local
 * child modules (`source = "./modules/x"`), recursively. Remote sources are
 * recorded, not read (the report lists them as not audited).
 *
 * Synchronous over a cache of parsed HCL: a `.tf` not parsed yet is added to
 * `missing`, and the async caller parses those and loads again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors';
import { isRecord } from '../../values';
import { parseJsonText } from '../json-text';
import { addFile, emptyModule, type ModuleConfig } from './config';
import type { HclCache } from './hcl';

export interface LoadContext {
  readonly hcl: HclCache;
  /** `.tf` / `.tfvars` files that were needed but are not in `hcl` yet. */
  readonly missing: Set<string>;
  readonly display: (file: string) => string;
}

export type ChildModule =
  | { readonly kind: 'local'; readonly source: string; readonly module: LoadedModule }
  | { readonly kind: 'remote'; readonly source: string; readonly version?: string };

export interface LoadedModule {
  readonly config: ModuleConfig;
  readonly children: ReadonlyMap<string, ChildModule>;
}

export const isConfigFile = (name: string): boolean => name.endsWith('.tf') || name.endsWith('.tf.json');
const isOverride = (name: string): boolean => /(^|_)override\.tf(\.json)?$/.test(name);

/** The configuration files directly inside `dir`, sorted by name. */
export function configFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => isConfigFile(e.name) && (e.isFile() || (e.isSymbolicLink() && linkedFile(join(dir, e.name)))))
    .map((e) => e.name)
    .sort()
    .map((n) => join(dir, n));
}

/** A link to a regular file counts like the file (as Terraform reads it); a dangling one is an error, never skipped. */
function linkedFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (err) {
    throw new InputError(`${path}: is a symbolic link that cannot be followed (${(err as NodeJS.ErrnoException).code ?? String(err)}); fix or remove it.`);
  }
}

/** A file's HCL JSON: parsed `.tf` from the cache (or recorded as missing), `.tf.json` / `.json` read strictly. */
export function readHclJson(file: string, ctx: LoadContext): Record<string, unknown> {
  if (!file.endsWith('.json')) {
    const doc = ctx.hcl.get(file);
    if (!doc) ctx.missing.add(file);
    return doc ?? {};
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${ctx.display(file)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const doc = parseJsonText(text, ctx.display(file));
  if (!isRecord(doc)) throw new InputError(`${ctx.display(file)}: a Terraform JSON file must hold one object.`);
  return doc;
}

const isLocalSource = (s: string): boolean => s.startsWith('./') || s.startsWith('../');

/** Loads the module in `dir` from `files` (default: the folder's configuration files). */
export function loadModule(dir: string, ctx: LoadContext, files?: readonly string[], chain: readonly string[] = []): LoadedModule {
  const config = emptyModule(dir);
  for (const file of files ?? configFilesIn(dir)) {
    if (isOverride(file)) {
      throw new InputError(`${ctx.display(file)}: override files change other files' blocks in ways the audit does not evaluate; merge them into the module or audit the plan JSON.`);
    }
    addFile(config, readHclJson(file, ctx), ctx.display(file));
  }
  const children = new Map<string, ChildModule>();
  for (const call of config.moduleCalls) {
    const source = call.body.source;
    if (typeof source !== 'string' || source.includes('${')) {
      throw new InputError(`${call.file}: module "${call.name}" needs a literal source string, found ${JSON.stringify(source)}.`);
    }
    if (!isLocalSource(source)) {
      const version = typeof call.body.version === 'string' ? call.body.version : undefined;
      children.set(call.name, { kind: 'remote', source, ...(version ? { version } : {}) });
      continue;
    }
    const childDir = resolve(dir, source);
    let isDir = false;
    try {
      isDir = statSync(childDir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new InputError(`${call.file}: module "${call.name}" has source "${source}", but ${ctx.display(childDir)} is not a folder.`);
    if (chain.includes(childDir) || childDir === dir) {
      throw new InputError(`${call.file}: module "${call.name}" (source "${source}") includes itself: ${[...chain, dir, childDir].map(ctx.display).join(' -> ')}.`);
    }
    const childFiles = configFilesIn(childDir);
    if (childFiles.length === 0) throw new InputError(`${call.file}: module "${call.name}" has source "${source}", but ${ctx.display(childDir)} holds no .tf or .tf.json file.`);
    children.set(call.name, { kind: 'local', source, module: loadModule(childDir, ctx, childFiles, [...chain, dir]) });
  }
  return { config, children };
}

/**
 * Variable files Terraform reads by itself in a root module, in its order:
 * `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and
 * `*.auto.tfvars.json` in lexical order.
 */
export function autoVarFiles(dir: string): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto].map((n) => join(dir, n));
}
