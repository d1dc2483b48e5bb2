/**
 * Terraform root modules as Terraform reads them: every `*.tf` (HCL) and
 * `*.tf.json` of a folder merged into one module, variables from defaults,
 * `terraform.tfvars`, `*.auto.tfvars(.json)`, `--var-file` and `--var` (in
 * Terraform's precedence), locals, count / for_each, dynamic blocks and local
 * child modules evaluated statically (see `evaluate.ts` for what is known).
 *
 * A folder that holds only cdktf's `cdk.tf.json` stays with the cdktf reader.
 * A folder that is a local child module of another audited folder is read
 * only through its caller, never as a root of its own (its variables would
 * all be unset).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../../errors';
import type { StackInfo } from '../../types';
import type { ReadOutput } from '../common';
import { describe, evaluateValue, type Scope } from './evaluate';
import { parseHclFiles, type HclCache } from './hcl';
import { acquirePool, type HclParserPool, releasePool, workersFor } from './hcl-parser';
import { instantiate, type Collector } from './instantiate';
import { autoVarFiles, configFilesIn, isConfigFile, loadModule, readHclJson, type LoadContext, type LoadedModule } from './load';
import { hasUnknown } from './unknown';

/** `--var-file FILE` and `--var NAME=VALUE`, in the order given on the command line (later wins). */
export type VariableSetting = { readonly file: string } | { readonly name: string; readonly value: string };

export interface TerraformOptions {
  readonly variables?: readonly VariableSetting[];
}

export interface TerraformRead extends ReadOutput {
  /** Remote module calls, not audited. */
  readonly notAudited: readonly string[];
  /** Configuration files read (including child modules and variable files). */
  readonly files: number;
}

interface RootGroup {
  readonly dir: string;
  /** Explicitly named files only; undefined: every configuration file of the folder. */
  readonly files?: string[];
  /** The configuration files the folder walk found there (links followed), read instead of listing the folder again. */
  readonly walked?: string[];
}

/**
 * A cdktf synth folder: `cdk.tf.json` alone among the folder's configuration
 * files, starting with cdktf's `"//"` metadata key (cdktf always writes it
 * first). A hand-written `cdk.tf.json` is a module like any other.
 */
function isCdktfOutput(file: string, folderFiles: readonly string[]): boolean {
  if (basename(file) !== 'cdk.tf.json' || folderFiles.length !== 1) return false;
  let head = '';
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(256);
      head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return true; // unreadable: the cdktf path reports it as before
  }
  return /^\s*\{\s*"\/\/"\s*:/.test(head);
}

/**
 * Splits the files found under the audited paths into Terraform root module
 * folders and the rest (cdktf output, plan JSON, CloudFormation, other JSON).
 */
export function splitTerraformFiles<F extends { file: string; explicit: boolean }>(files: readonly F[]): { groups: RootGroup[]; rest: F[] } {
  const rest: F[] = [];
  const walked = new Map<string, RootGroup>();
  const named = new Map<string, string[]>();
  // The walker's own list of each folder's configuration files (links followed, special files refused),
  // so the module reader reads exactly what the walk found; a named file's folder is listed as Terraform would.
  const walkedFiles = new Map<string, string[]>();
  for (const f of files) if (!f.explicit && isConfigFile(f.file)) walkedFiles.set(dirname(f.file), [...(walkedFiles.get(dirname(f.file)) ?? []), f.file]);
  const folderFiles = new Map<string, string[]>();
  const filesOfFolder = (dir: string): string[] => {
    let list = walkedFiles.get(dir) ?? folderFiles.get(dir);
    if (!list) folderFiles.set(dir, (list = configFilesIn(dir)));
    return list;
  };
  for (const f of files) {
    if (!isConfigFile(f.file) || isCdktfOutput(f.file, filesOfFolder(dirname(f.file)))) {
      rest.push(f);
      continue;
    }
    const dir = dirname(f.file);
    if (f.explicit) named.set(dir, [...(named.get(dir) ?? []), f.file]);
    else walked.set(dir, { dir, walked: [...(walkedFiles.get(dir) ?? [])].sort() });
  }
  for (const [dir, list] of named) if (!walked.has(dir)) walked.set(dir, { dir, files: list });
  return { groups: [...walked.values()], rest };
}

function childDirs(mod: LoadedModule, into: Set<string>): void {
  for (const c of mod.children.values()) {
    if (c.kind !== 'local') continue;
    into.add(c.module.config.dir);
    childDirs(c.module, into);
  }
}

const emptyScope: Scope = {
  prefix: '',
  iterators: new Map(),
  variable: (n) => evaluateValue(`\${var.${n}}`, emptyScope),
  local: (n) => evaluateValue(`\${local.${n}}`, emptyScope),
  module: (n) => evaluateValue(`\${module.${n}}`, emptyScope),
};

/** A variables file's assignments: `.tfvars` (HCL) or `.tfvars.json`. Values are literals. */
function varFileValues(file: string, ctx: LoadContext): Map<string, unknown> {
  const doc = readHclJson(file, ctx);
  const out = new Map<string, unknown>();
  for (const [name, raw] of Object.entries(doc)) {
    const v = file.endsWith('.json') ? raw : evaluateValue(raw, emptyScope);
    if (hasUnknown(v)) throw new InputError(`${ctx.display(file)}: ${name} = ${JSON.stringify(raw)} is not a literal value; variable files hold values, not expressions.`);
    out.set(name, v);
  }
  return out;
}

/** `--var NAME=VALUE`: a string variable takes VALUE as it is; any other type parses it as an HCL literal (as Terraform does). */
function cliValue(name: string, value: string, type: string | undefined): unknown {
  if (type === undefined || type === 'string') return value;
  const v = evaluateValue(`\${${value}}`, emptyScope);
  if (hasUnknown(v)) throw new InputError(`--var ${name}=${value}: not a literal value of type ${type}.`);
  return v;
}

/** Root variable values in Terraform's precedence: auto-loaded files, then the command line in order. */
function rootInputs(root: LoadedModule, options: TerraformOptions, ctx: LoadContext): Map<string, unknown> {
  const declared = root.config.variables;
  const values = new Map<string, unknown>();
  const assign = (from: Map<string, unknown>) => {
    for (const [k, v] of from) if (declared.has(k)) values.set(k, v);
  };
  for (const file of autoVarFiles(root.config.dir)) assign(varFileValues(file, ctx));
  for (const s of options.variables ?? []) {
    if ('file' in s) assign(varFileValues(resolve(s.file), ctx));
    else if (declared.has(s.name)) values.set(s.name, cliValue(s.name, s.value, declared.get(s.name)!.type));
  }
  return values;
}

/** Variable files named on the command line and found beside the roots: all must be parsed before evaluation. */
function varFilesOf(roots: readonly LoadedModule[], options: TerraformOptions): string[] {
  const files = roots.flatMap((r) => autoVarFiles(r.config.dir));
  for (const s of options.variables ?? []) if ('file' in s) files.push(resolve(s.file));
  return files;
}

function loadRoots(groups: readonly RootGroup[], ctx: LoadContext): LoadedModule[] {
  const loaded = groups.map((g) => loadModule(g.dir, ctx, g.files ?? g.walked));
  const children = new Set<string>();
  for (const m of loaded) childDirs(m, children);
  // A folder that is some audited module's local child is audited through that caller.
  return loaded.filter((m, i) => groups[i].files !== undefined || !children.has(m.config.dir));
}

/** One root module's resources, evaluated with its variable values. */
function evaluateRoot(root: LoadedModule, options: TerraformOptions, ctx: LoadContext): TerraformRead {
  const dir = root.config.dir;
  const stack: StackInfo = { name: basename(dir), source: ctx.display(dir), format: 'terraform' };
  const out: Collector = { stack: stack.name, resources: [], notAudited: [] };
  instantiate(root, '', rootInputs(root, options, ctx), out);
  let files = 0;
  const count = (m: LoadedModule): void => {
    files += m.config.files.length;
    for (const c of m.children.values()) if (c.kind === 'local') count(c.module);
  };
  count(root);
  return { resources: out.resources, stack, notAudited: out.notAudited, files };
}

/**
 * What a root's evaluation depends on besides the parsed documents: its
 * files and those of its local child modules, and its variable files. Two
 * loads of one folder with the same inputs are the same module.
 */
function inputsOf(root: LoadedModule, options: TerraformOptions): string {
  const parts: string[] = [];
  const walk = (m: LoadedModule, path: string): void => {
    parts.push(`${path}:${m.config.files.join('|')}`);
    for (const [name, c] of m.children) parts.push(c.kind === 'local' ? `${path}.${name}=${c.module.config.dir}` : `${path}.${name}@${c.source}`);
    for (const [name, c] of m.children) if (c.kind === 'local') walk(c.module, `${path}.${name}`);
  };
  walk(root, root.config.dir);
  return [...parts, ...varFilesOf([root], options)].join('\n');
}

/** Roots evaluated while the parser was still busy with other files, by folder, with the inputs they were evaluated from. */
type EarlyReads = Map<string, { readonly inputs: string; readonly read: TerraformRead }>;

function evaluateRoots(roots: readonly LoadedModule[], options: TerraformOptions, ctx: LoadContext, early?: EarlyReads): TerraformRead[] {
  for (const s of options.variables ?? []) {
    if ('name' in s && !roots.some((r) => r.config.variables.has(s.name))) {
      const where = roots.map((r) => ctx.display(r.config.dir)).join(', ') || 'no Terraform module';
      throw new InputError(`--var ${s.name}: no variable "${s.name}" is declared in ${where}; declare it or remove the option.`);
    }
  }
  return roots.map((root) => {
    const done = early?.get(root.config.dir);
    return done && done.inputs === inputsOf(root, options) ? done.read : evaluateRoot(root, options, ctx);
  });
}

/**
 * Reads the root modules with HCL already parsed into `hcl`; throws an
 * `InputError` when a `.tf` file is not (use `readTerraformModules`).
 */
export function readTerraformModulesSync(groups: readonly RootGroup[], options: TerraformOptions, display: (f: string) => string, hcl: HclCache = new Map()): TerraformRead[] {
  const ctx: LoadContext = { hcl, missing: new Set(), display };
  const roots = loadRoots(groups, ctx);
  for (const f of varFilesOf(roots, options)) if (!f.endsWith('.json')) readHclJson(f, ctx);
  if (ctx.missing.size > 0) {
    throw new InputError(`${display([...ctx.missing][0])}: HCL files are read by the audit CLI and the gate (the asynchronous reader), not by this synchronous call.`);
  }
  return evaluateRoots(roots, options, ctx);
}

/**
 * Parser workers for the HCL files the walk found, started now so that they
 * start up while the files are loaded; sized by those files' text (child
 * modules and variable files found later share them). None without HCL.
 */
function startParsers(groups: readonly RootGroup[]): HclParserPool | undefined {
  let bytes = 0;
  let files = 0;
  for (const g of groups) {
    for (const f of g.files ?? g.walked ?? []) {
      if (!f.endsWith('.tf')) continue;
      files += 1;
      try {
        bytes += statSync(f).size;
      } catch {
        // the read reports it, in order
      }
    }
  }
  return files === 0 ? undefined : acquirePool(workersFor(bytes, files));
}

/**
 * Evaluates each root folder as soon as its files are parsed, while the
 * workers parse the next folders' files: the evaluation then costs no time of
 * its own. Only a result is kept, for the final pass to take when it loads
 * the same module from the same inputs; anything that goes wrong is left for
 * the final pass to report, in its order.
 */
function evaluateEarly(groups: readonly RootGroup[], options: TerraformOptions, hcl: HclCache, display: (f: string) => string): { early: EarlyReads; parsed: (file: string) => void } {
  const early: EarlyReads = new Map();
  const waiting = new Map<RootGroup, Set<string>>();
  const groupsOf = new Map<string, RootGroup[]>();
  for (const g of groups) {
    const tf = (g.files ?? g.walked ?? []).filter((f) => f.endsWith('.tf'));
    if (tf.length === 0) continue;
    waiting.set(g, new Set(tf));
    for (const f of tf) groupsOf.set(f, [...(groupsOf.get(f) ?? []), g]);
  }
  const evaluate = (g: RootGroup): void => {
    try {
      const ctx: LoadContext = { hcl, missing: new Set(), display };
      const root = loadModule(g.dir, ctx, g.files ?? g.walked);
      for (const f of varFilesOf([root], options)) if (!f.endsWith('.json')) readHclJson(f, ctx);
      if (ctx.missing.size === 0) early.set(g.dir, { inputs: inputsOf(root, options), read: evaluateRoot(root, options, ctx) });
    } catch {
      // reported by the final pass
    }
  };
  const parsed = (file: string): void => {
    for (const g of groupsOf.get(file) ?? []) {
      const rest = waiting.get(g)!;
      rest.delete(file);
      if (rest.size === 0) {
        waiting.delete(g);
        evaluate(g);
      }
    }
  };
  return { early, parsed };
}

/** Loads, parses (HCL through hcl2json) and evaluates the root modules. */
export async function readTerraformModules(groups: readonly RootGroup[], options: TerraformOptions, display: (f: string) => string): Promise<TerraformRead[]> {
  const hcl: HclCache = new Map();
  let pool = startParsers(groups);
  const { early, parsed } = evaluateEarly(groups, options, hcl, display);
  try {
    // Each round finds the next level of child modules; a chain deeper than this is refused by loadModule's cycle check long before.
    for (let round = 0; round < 100; round++) {
      const ctx: LoadContext = { hcl, missing: new Set(), display };
      const roots = loadRoots(groups, ctx);
      for (const f of varFilesOf(roots, options)) if (!f.endsWith('.json')) readHclJson(f, ctx);
      if (ctx.missing.size === 0) {
        // The workers are not needed for evaluating: handed back now, not after it.
        if (pool) releasePool(pool);
        pool = undefined;
        return evaluateRoots(roots, options, ctx, early);
      }
      await parseHclFiles(ctx.missing, hcl, display, { pool, parsed });
    }
    throw new InputError('Terraform modules nest deeper than 100 levels.');
  } finally {
    if (pool) releasePool(pool);
  }
}

export { describe };
