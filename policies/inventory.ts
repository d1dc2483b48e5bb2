/**
 * Reads what is audited into one normalised `Inventory`: cdktf `cdk.tf.json`
 * files, Terraform plan/state JSON (`terraform show -json`) and CloudFormation
 * templates, each file's format recognised by its content. A folder is searched
 * recursively for all three.
 *
 * A file named explicitly must be one of the three formats; inside a folder,
 * other JSON (package.json, CDK manifest.json, tree.json, *.assets.json) is
 * skipped. Everything unusable becomes an `InputError` naming the file.
 *
 * Nothing inside a folder is passed over in silence: symbolic links (to files
 * and folders) are followed, each folder walked once by its real path, and a
 * folder that cannot be listed, a dangling or looping link, or a `*.json` that
 * is a FIFO, socket or device stops the audit with a line naming it.
 */
import { basename, join, resolve } from 'node:path';
import { InputError } from './errors';
import { displayPath, fsReason, type InputFs, kindOf, NODE_FS, readRegularFile, unreachable } from './input-files';
import type { ReadOutput } from './readers/common';
import { CDK_NAG_FINDING } from './readers/cloudformation';
import type { CloudFormationOptions } from './readers/cloudformation/evaluate';
import { YAML_TEMPLATE_NAME, yamlTemplate } from './readers/cloudformation/files';
import { readDocument } from './readers/detect';
import { JsonSyntaxError, parseJsonText } from './readers/json-text';
import { readTerraformModules, readTerraformModulesSync, splitTerraformFiles, type TerraformOptions, type TerraformRead } from './readers/terraform-module';
import type { Inventory, InventoryResource, StackInfo } from './types';

export { InputError } from './errors';

/** Folders that never hold synthesized output but can hold thousands of JSON files. */
const SKIPPED_DIRS = new Set(['node_modules', '.terraform', '.git']);
/** Names that are only ever one of the three formats: a parse error there is an error, not an unrelated file. */
const AUDITABLE_NAME = /(\.tf\.json|\.template\.json)$/;
const isCandidate = (name: string): boolean => name.endsWith('.json') || name.endsWith('.tf') || YAML_TEMPLATE_NAME.test(name);

interface Walk {
  readonly fs: InputFs;
  /** Real paths of the folders walked so far: a link back to one (a cycle, or two links to one folder) is not walked twice. */
  readonly walked: Set<string>;
}

/**
 * Every `*.json` under `dir`, links followed. Nothing is passed over in
 * silence: a folder that cannot be listed, a dangling or looping link and a
 * `*.json` that is not a regular file are errors naming them; other names
 * (README.md, a socket called agent.sock) are not inputs and are left alone.
 */
function jsonFilesUnder(dir: string, into: string[], walk: Walk): void {
  let entries: ReturnType<InputFs['readdirSync']>;
  try {
    entries = walk.fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`${displayPath(dir)}: folder cannot be read: ${fsReason(err)}. The audit reads every folder it is given, or stops.`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    let kind: 'folder' | 'file' | 'other' = e.isDirectory() ? 'folder' : e.isFile() ? 'file' : 'other';
    let described = kindOf(e);
    // Links are followed; some file systems report no type at all in a listing, so those are looked at too.
    const untyped = !(e.isSymbolicLink() || e.isDirectory() || e.isFile() || e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice());
    if (e.isSymbolicLink() || untyped) {
      let target;
      try {
        target = walk.fs.statSync(full);
      } catch (err) {
        throw unreachable(full, err, walk.fs);
      }
      kind = target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
      described = untyped ? kindOf(target) : `a symbolic link to ${kindOf(target)}`;
    }
    if (kind === 'folder') {
      if (SKIPPED_DIRS.has(e.name)) continue;
      walkFolder(full, into, walk);
    } else if (!isCandidate(e.name)) continue;
    else if (kind === 'file') into.push(full);
    else {
      throw new InputError(
        `${displayPath(full)}: is ${described}, not a regular file; the audit reads *.json files only as regular files (or links to them). Remove it, or audit the files by name.`,
      );
    }
  }
}

function walkFolder(dir: string, into: string[], walk: Walk): void {
  let real: string;
  try {
    real = walk.fs.realpathSync(dir);
  } catch (err) {
    throw unreachable(dir, err, walk.fs);
  }
  if (walk.walked.has(real) || SKIPPED_DIRS.has(basename(real))) return; // already read through another path, or never input
  walk.walked.add(real);
  jsonFilesUnder(dir, into, walk);
}

function readOne(file: string, explicit: boolean, fs: InputFs, cloudformation?: CloudFormationOptions): ReadOutput | undefined {
  const text = readRegularFile(file, 'a cdk.tf.json, plan JSON or CloudFormation template', fs);
  const strict = explicit || AUDITABLE_NAME.test(file);
  let doc: unknown;
  if (YAML_TEMPLATE_NAME.test(file)) {
    // CloudFormation YAML (short-form tags); other YAML in a folder is skipped.
    doc = yamlTemplate(text, displayPath(file), explicit);
    if (doc === undefined) return undefined;
  } else {
    try {
      doc = parseJsonText(text, displayPath(file));
    } catch (err) {
      if (err instanceof JsonSyntaxError && !strict) return undefined; // some other tool's file in the folder
      throw err;
    }
  }
  const read = readDocument(doc, { file, source: displayPath(file), cloudformation });
  if (!read && strict) {
    throw new InputError(
      `${displayPath(file)}: not a format the audit reads. Expected a cdktf/Terraform JSON configuration ` +
        '(top-level "resource" or "terraform"), Terraform plan or state JSON from `terraform show -json` ' +
        '("format_version" with "planned_values" or "values"), or a CloudFormation template ("Resources" with "AWS::" types).',
    );
  }
  return read;
}

/** Files to read under each path, in a stable order, each once. */
function filesOf(paths: readonly string[], fs: InputFs): { file: string; explicit: boolean }[] {
  const seen = new Set<string>();
  const out: { file: string; explicit: boolean }[] = [];
  const walk: Walk = { fs, walked: new Set() };
  for (const p of paths) {
    if (p.trim() === '') throw new InputError('an empty PATH was given (an unset variable?); name a file or folder to audit.');
    const abs = resolve(p);
    let stats;
    try {
      fs.lstatSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new InputError(`${displayPath(abs)}: cannot be read: ${fsReason(err)}.`);
      throw new InputError(`${p}: no such file or folder. Give a cdk.tf.json, a plan JSON, a CloudFormation template or a folder of them.`);
    }
    try {
      stats = fs.statSync(abs);
    } catch (err) {
      throw unreachable(abs, err, fs);
    }
    const isDir = stats.isDirectory();
    if (!isDir && !stats.isFile()) {
      throw new InputError(`${displayPath(abs)}: is ${kindOf(stats)}, not a file or folder the audit can read.`);
    }
    const files = isDir ? [] : [abs];
    if (isDir) walkFolder(abs, files, walk);
    for (const f of files) {
      let real: string;
      try {
        real = fs.realpathSync(f);
      } catch (err) {
        throw unreachable(f, err, fs);
      }
      if (seen.has(real)) continue;
      seen.add(real);
      out.push({ file: f, explicit: !isDir });
    }
  }
  return out;
}

/**
 * Types the readers add beside the resources (provider and backend blocks,
 * cdk-nag verdicts): audited, but a file with only these declares no infrastructure.
 */
const PSEUDO_TYPES = new Set(['terraform_provider', 'terraform_backend', CDK_NAG_FINDING]);
const FORMAT_NAMES: Record<StackInfo['format'], string> = {
  cdktf: 'a Terraform JSON configuration',
  'terraform-plan': 'a Terraform plan/state',
  cloudformation: 'a CloudFormation template',
  terraform: 'a Terraform module',
};

const countOf = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
function listed(files: readonly string[], max = 5): string {
  const shown = files.slice(0, max).map(displayPath);
  return files.length > max ? `${shown.join(', ')}, and ${files.length - max} more` : shown.join(', ');
}

export interface ReadInventoryOptions extends TerraformOptions {
  /** File-system calls; tests inject failures a root test runner cannot cause. */
  readonly fs?: InputFs;
  /** CloudFormation parameters, region and vault buckets. */
  readonly cloudformation?: CloudFormationOptions;
}

/**
 * Reads files and folders into one inventory. Stack names come from the files
 * (see the readers); when two files claim the same stack name, the later one is
 * named after its path so addresses stay unique per stack.
 *
 * What yields nothing to audit is unusable input, never "compliant": a file
 * named explicitly that declares no resource, and a set of inputs that
 * together declare none.
 */
export function readInventory(paths: readonly string[], options: ReadInventoryOptions = {}): Inventory {
  if (paths.length === 0) throw new InputError('No input given: name at least one cdk.tf.json, plan JSON, CloudFormation template or folder.');
  const fs = options.fs ?? NODE_FS;
  const files = filesOf(paths, fs);
  const { groups, rest } = splitTerraformFiles(files);
  return collect(paths, files, rest, readTerraformModulesSync(groups, options, displayPath), options);
}

/** `readInventory` including HCL `.tf` files (parsed asynchronously); the CLI and the gate use this. */
export async function readInventoryAsync(paths: readonly string[], options: ReadInventoryOptions = {}): Promise<Inventory> {
  if (paths.length === 0) throw new InputError('No input given: name at least one cdk.tf.json, plan JSON, CloudFormation template or folder.');
  const fs = options.fs ?? NODE_FS;
  const files = filesOf(paths, fs);
  const { groups, rest } = splitTerraformFiles(files);
  return collect(paths, files, rest, await readTerraformModules(groups, options, displayPath), options);
}

function collect(
  paths: readonly string[],
  files: readonly { file: string; explicit: boolean }[],
  rest: readonly { file: string; explicit: boolean }[],
  modules: readonly TerraformRead[],
  options: ReadInventoryOptions,
): Inventory {
  const fs = options.fs ?? NODE_FS;
  const resources: InventoryResource[] = [];
  const stacks = new Map<string, StackInfo>();
  const recognised: string[] = [];
  const add = (read: ReadOutput): void => {
    let { stack } = read;
    if (stacks.has(stack.name)) stack = { ...stack, name: `${stack.name}@${stack.source}` };
    stacks.set(stack.name, stack);
    for (const r of read.resources) resources.push(r.stack === stack.name ? r : { ...r, stack: stack.name });
  };
  for (const { file, explicit } of rest) {
    const read = readOne(file, explicit, fs, options.cloudformation);
    if (!read) continue;
    recognised.push(file);
    if (explicit && !read.resources.some((r) => !PSEUDO_TYPES.has(r.type))) {
      throw new InputError(
        `${displayPath(file)}: read as ${FORMAT_NAMES[read.stack.format]}, but it declares 0 resources: nothing to audit. ` +
          'A gate that passes what it could not check would be wrong, so this stops here; audit the file that holds the resources.',
      );
    }
    add(read);
  }
  for (const m of modules) {
    recognised.push(m.stack.source);
    add(m.notAudited.length > 0 ? { ...m, stack: { ...m.stack, notAudited: m.notAudited } } : m);
  }
  if (stacks.size === 0) {
    throw new InputError(
      `${paths.join(', ')}: no Terraform module, cdk.tf.json, Terraform plan JSON or CloudFormation template found among ${countOf(files.length, 'file')} ` +
        'read (run the synth first, or name the files).',
    );
  }
  if (!resources.some((r) => !PSEUDO_TYPES.has(r.type))) {
    const terraformFiles = modules.reduce((n, m) => n + m.files, 0);
    throw new InputError(
      `${paths.join(', ')}: ${countOf(recognised.length - modules.length + terraformFiles, 'file')} read (${listed(recognised)}), 0 resources: nothing to audit. ` +
        'The gate does not call compliant what it could not check; point it at the synthesized stacks or the module that declares the resources.',
    );
  }
  return { resources, stacks: [...stacks.values()] };
}
