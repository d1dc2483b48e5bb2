/**
 * Reads what is audited into one normalised `Inventory`: cdktf `cdk.tf.json`
 * files, Terraform plan/state JSON (`terraform show -json`) and CloudFormation
 * templates, each file's format recognised by its content. A folder is searched
 * recursively for all three.
 *
 * A file named explicitly must be one of the three formats; inside a folder,
 * other JSON (package.json, CDK manifest.json, tree.json, *.assets.json) is
 * skipped. Everything unusable becomes an `InputError` naming the file.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from './errors';
import type { ReadOutput } from './readers/common';
import { readDocument } from './readers/detect';
import { JsonSyntaxError, parseJsonText } from './readers/json-text';
import { readTerraformModules, readTerraformModulesSync, splitTerraformFiles, type TerraformOptions, type TerraformRead } from './readers/terraform-module';
import type { Inventory, InventoryResource, StackInfo } from './types';

export { InputError } from './errors';

/** Folders that never hold synthesized output but can hold thousands of JSON files. */
const SKIPPED_DIRS = new Set(['node_modules', '.terraform', '.git']);
/** Names that are only ever one of the three formats: a parse error there is an error, not an unrelated file. */
const AUDITABLE_NAME = /(\.tf\.json|\.template\.json)$/;

/** How a file appears in findings: relative to the working directory when inside it, with `/` separators. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  return shown.split(sep).join('/');
}

function jsonFilesUnder(dir: string, into: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) jsonFilesUnder(full, into);
    else if (e.isFile() && (e.name.endsWith('.json') || e.name.endsWith('.tf'))) into.push(full);
  }
}

function readOne(file: string, explicit: boolean): ReadOutput | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${displayPath(file)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const strict = explicit || AUDITABLE_NAME.test(file);
  let doc: unknown;
  try {
    doc = parseJsonText(text, displayPath(file));
  } catch (err) {
    if (err instanceof JsonSyntaxError && !strict) return undefined; // some other tool's file in the folder
    throw err;
  }
  const read = readDocument(doc, { file, source: displayPath(file) });
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
function filesOf(paths: readonly string[]): { file: string; explicit: boolean }[] {
  const seen = new Set<string>();
  const out: { file: string; explicit: boolean }[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new InputError(`${p}: no such file or folder. Give a cdk.tf.json, a plan JSON, a CloudFormation template or a folder of them.`);
    }
    const files = isDir ? [] : [abs];
    if (isDir) jsonFilesUnder(abs, files);
    for (const f of files) {
      const real = realpathSync(f);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push({ file: f, explicit: !isDir });
    }
  }
  return out;
}

/**
 * Reads files and folders into one inventory. Stack names come from the files
 * (see the readers); when two files claim the same stack name, the later one is
 * named after its path so addresses stay unique per stack. Terraform module
 * folders (`*.tf`, `*.tf.json`) go to the module reader; a `.tf` file needs
 * `readInventoryAsync` (HCL is parsed asynchronously).
 */
export function readInventory(paths: readonly string[], terraform: TerraformOptions = {}): Inventory {
  if (paths.length === 0) throw new InputError('No input given: name at least one cdk.tf.json, plan JSON, CloudFormation template or folder.');
  const { groups, rest } = splitTerraformFiles(filesOf(paths));
  return collect(paths, rest, readTerraformModulesSync(groups, terraform, displayPath));
}

/** `readInventory` including HCL `.tf` files; the CLI and the gate use this. */
export async function readInventoryAsync(paths: readonly string[], terraform: TerraformOptions = {}): Promise<Inventory> {
  if (paths.length === 0) throw new InputError('No input given: name at least one cdk.tf.json, plan JSON, CloudFormation template or folder.');
  const { groups, rest } = splitTerraformFiles(filesOf(paths));
  return collect(paths, rest, await readTerraformModules(groups, terraform, displayPath));
}

function collect(paths: readonly string[], files: readonly { file: string; explicit: boolean }[], modules: readonly TerraformRead[]): Inventory {
  const resources: InventoryResource[] = [];
  const stacks = new Map<string, StackInfo>();
  const add = (read: ReadOutput): void => {
    let { stack } = read;
    if (stacks.has(stack.name)) stack = { ...stack, name: `${stack.name}@${stack.source}` };
    stacks.set(stack.name, stack);
    for (const r of read.resources) resources.push(r.stack === stack.name ? r : { ...r, stack: stack.name });
  };
  for (const { file, explicit } of files) {
    const read = readOne(file, explicit);
    if (read) add(read);
  }
  for (const m of modules) add(m.notAudited.length > 0 ? { ...m, stack: { ...m.stack, notAudited: m.notAudited } } : m);
  if (stacks.size === 0) {
    throw new InputError(
      `${paths.join(', ')}: no cdk.tf.json, Terraform plan JSON or CloudFormation template found (run the synth first, or name the files).`,
    );
  }
  // A gate that passes on nothing is worse than none: Terraform modules that declare no resource are not compliant, they are unusable input.
  const managed = resources.filter((r) => r.format === 'terraform' && r.type !== 'terraform_provider' && r.type !== 'terraform_backend').length;
  if (modules.length > 0 && managed === 0 && stacks.size === modules.length) {
    const read = modules.reduce((n, m) => n + m.files, 0);
    throw new InputError(`${paths.join(', ')}: ${read} Terraform file(s) read, 0 resources: nothing to audit.`);
  }
  return { resources, stacks: [...stacks.values()] };
}
