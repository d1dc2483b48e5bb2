/**
 * `terraform show -json` output: a plan (`planned_values` + `configuration`) or
 * a state (`values`). Resources come from `root_module.resources` and, nested,
 * `child_modules`, with the addresses Terraform gives them
 * (`module.db.digitalocean_database_cluster.main`, `aws_instance.a[0]`).
 * Values are planned values, so attributes known only after apply are absent.
 * References come from the configuration's expressions, which are written
 * relative to their module and per resource block (not per instance): they are
 * normalised to the addresses of the planned instances.
 */
import { terraformReferences } from '../references';
import type { InventoryResource } from '../types';
import { isRecord } from '../values';
import { entriesOf, otherAddresses, providerOfType, type ReadContext, type ReadOutput } from './common';

export function isTerraformPlan(doc: Record<string, unknown>): boolean {
  return typeof doc.format_version === 'string' && (isRecord(doc.planned_values) || isRecord(doc.values));
}

// Instance keys: `[0]`, `["eu-1"]` (quoted keys may contain `]`).
const INSTANCE_KEY = /\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g;
/** `module.db["a"].aws_x.y[0]` → `module.db.aws_x.y`: the configuration block an instance comes from. */
const blockAddress = (address: string): string => address.replace(INSTANCE_KEY, '');
/** `module.db[0].aws_x.y[1]` → `module.db[0].`: the module instance a resource lives in. */
function moduleInstanceOf(address: string, type: string): string {
  const at = address.lastIndexOf(`${type}.`);
  return at > 0 ? address.slice(0, at) : '';
}

/**
 * Where a module's references lead: its address prefix, what each input
 * variable resolves to (from the module call in the parent), and what the
 * outputs of its child modules resolve to.
 */
interface Scope {
  readonly prefix: string;
  readonly vars: ReadonlyMap<string, readonly string[]>;
  /** `call.output` → resource block addresses. */
  readonly outputs: Map<string, readonly string[]>;
}

/** A module's scope before the walk adds its child modules' outputs; the root module binds no variables to resources. */
const scopeAt = (prefix: string, vars: ReadonlyMap<string, readonly string[]> = new Map()): Scope => ({ prefix, vars, outputs: new Map() });
const VAR_REF = /^var\.([A-Za-z0-9_-]+)/;
const OUTPUT_REF = /^module\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)/;
const MODULE_REF = /^module\.([A-Za-z0-9_-]+)$/;

/**
 * Configuration references (`aws_vpc.x.id`, `var.v`, `module.m.out`) as resource
 * block addresses: resources get the module prefix, variables and module outputs
 * are followed to the resources they come from. A bare `module.m` means the
 * whole module in `depends_on`; in expressions Terraform lists it beside the
 * output actually used, so it adds nothing there.
 */
function blockReferences(refs: unknown, scope: Scope, kind: 'expression' | 'depends_on' = 'expression'): string[] {
  const out: string[] = [];
  for (const r of Array.isArray(refs) ? refs : []) {
    if (typeof r !== 'string') continue;
    const variable = VAR_REF.exec(r)?.[1];
    const output = OUTPUT_REF.exec(r);
    const wholeModule = MODULE_REF.exec(r)?.[1];
    if (variable) out.push(...(scope.vars.get(variable) ?? []));
    else if (output && scope.outputs.has(`${output[1]}.${output[2]}`)) out.push(...scope.outputs.get(`${output[1]}.${output[2]}`)!);
    else if (wholeModule) {
      if (kind === 'depends_on') out.push(`${scope.prefix}module.${wholeModule}.*`);
    } else out.push(...terraformReferences([`\${${r}}`]).map((a) => scope.prefix + a));
  }
  return out;
}

/** Every `references` array inside an expressions tree. */
function expressionReferences(expressions: unknown, scope: Scope, into: string[]): void {
  if (Array.isArray(expressions)) {
    for (const e of expressions) expressionReferences(e, scope, into);
  } else if (isRecord(expressions)) {
    if (Array.isArray(expressions.references)) into.push(...blockReferences(expressions.references, scope));
    for (const [k, v] of Object.entries(expressions)) if (k !== 'references') expressionReferences(v, scope, into);
  }
}

/**
 * Configuration expressions as values: constants as written, computed values as a
 * `${…}` placeholder (so `isReference()` sees they are not literals), nested blocks recursively.
 */
function expressionValues(expressions: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, e] of entriesOf(expressions)) out[k] = expressionValue(e);
  return out;
}

function expressionValue(e: unknown): unknown {
  if (Array.isArray(e)) return e.map((b) => (isRecord(b) ? expressionValues(b) : b));
  if (!isRecord(e)) return e;
  if ('constant_value' in e) return e.constant_value;
  if (Array.isArray(e.references) && typeof e.references[0] === 'string') return `\${${e.references[0]}}`;
  return Object.keys(e).length === 0 ? '${(computed)}' : expressionValues(e);
}

interface ConfigWalk {
  /** Resource block address → referenced block addresses (`prefix.*` for a whole module). */
  readonly references: Map<string, string[]>;
  readonly providers: InventoryResource[];
}

const recordsOf = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/**
 * Records each managed resource block's references, child modules first so their
 * outputs resolve; returns this module's outputs (name → block addresses).
 */
function walkModule(module: unknown, scope: Scope, refs: Map<string, string[]>): Map<string, string[]> {
  const outputs = new Map<string, string[]>();
  if (!isRecord(module)) return outputs;
  for (const [name, call] of entriesOf(module.module_calls)) {
    if (!isRecord(call)) continue;
    const vars = new Map<string, string[]>();
    for (const [input, e] of entriesOf(call.expressions)) {
      const found: string[] = [];
      expressionReferences(e, scope, found);
      vars.set(input, found);
    }
    for (const [out, targets] of walkModule(call.module, scopeAt(`${scope.prefix}module.${name}.`, vars), refs)) scope.outputs.set(`${name}.${out}`, targets);
  }
  for (const r of recordsOf(module.resources)) {
    if (r.mode === 'data' || typeof r.address !== 'string') continue;
    const found: string[] = [];
    expressionReferences([r.expressions, r.count_expression, r.for_each_expression], scope, found);
    found.push(...blockReferences(r.depends_on, scope, 'depends_on'));
    refs.set(scope.prefix + r.address, found);
  }
  for (const [name, output] of entriesOf(module.outputs)) {
    const found: string[] = [];
    if (isRecord(output)) expressionReferences(output.expression, scope, found);
    outputs.set(name, found);
  }
  return outputs;
}

function readConfiguration(configuration: unknown, stack: string, ctx: ReadContext): ConfigWalk {
  const references = new Map<string, string[]>();
  const providers: InventoryResource[] = [];
  if (!isRecord(configuration)) return { references, providers };
  walkModule(configuration.root_module, scopeAt(''), references);
  for (const [key, p] of entriesOf(configuration.provider_config)) {
    if (!isRecord(p)) continue;
    // Keys: `aws`, `aws.eu` (alias), `module.db:aws` (provider configured inside a module).
    const name = typeof p.name === 'string' ? p.name : key.split(':').pop()!.split('.')[0];
    const alias = typeof p.alias === 'string' ? `.${p.alias}` : '';
    const modulePrefix = typeof p.module_address === 'string' && p.module_address ? `${p.module_address}.` : '';
    const found: string[] = [];
    expressionReferences(p.expressions, scopeAt(modulePrefix), found);
    providers.push({
      address: `${modulePrefix}provider.${name}${alias}`,
      type: 'terraform_provider',
      provider: name,
      stack,
      source: ctx.source,
      format: 'terraform-plan',
      values: { ...expressionValues(p.expressions), ...(p.alias ? { alias: p.alias } : {}) },
      references: otherAddresses(found, ''),
    });
  }
  return { references, providers };
}

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
  readonly dependsOn: unknown;
}

function collectPlanned(module: unknown, into: PlannedResource[]): void {
  if (!isRecord(module)) return;
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (!isRecord(r) || r.mode === 'data' || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
    into.push({ address: r.address, type: r.type, values: isRecord(r.values) ? r.values : {}, dependsOn: r.depends_on });
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) collectPlanned(child, into);
}

export function planStackName(source: string): string {
  return source.split('/').pop()!.replace(/\.json$/, '');
}

export function readTerraformPlan(doc: Record<string, unknown>, ctx: ReadContext): ReadOutput {
  const stack = planStackName(ctx.source);
  const values = isRecord(doc.planned_values) ? doc.planned_values : doc.values;
  const planned: PlannedResource[] = [];
  collectPlanned(isRecord(values) ? values.root_module : undefined, planned);
  const config = readConfiguration(doc.configuration, stack, ctx);

  const instancesOfBlock = new Map<string, string[]>();
  for (const p of planned) {
    const block = blockAddress(p.address);
    const list = instancesOfBlock.get(block);
    if (list) list.push(p.address);
    else instancesOfBlock.set(block, [p.address]);
  }
  const inModule = new Map<string, string[]>();
  // `module.m.*` (depends_on a whole module): every resource inside it, computed once per module.
  const moduleResources = (wildcard: string): string[] => {
    let list = inModule.get(wildcard);
    if (!list) {
      const prefix = wildcard.slice(0, -1);
      list = planned.filter((p) => blockAddress(p.address).startsWith(prefix)).map((p) => p.address);
      inModule.set(wildcard, list);
    }
    return list;
  };
  // A block reference means every instance of it; inside a module instance, the instances of that same module instance.
  const instancesFor = (block: string, moduleInstance: string): string[] => {
    const all = block.endsWith('.*') ? moduleResources(block) : (instancesOfBlock.get(block) ?? []);
    if (!moduleInstance || all.length < 2) return all;
    const local = all.filter((a) => a.startsWith(moduleInstance));
    return local.length > 0 ? local : all;
  };

  const resources: InventoryResource[] = planned.map((p) => {
    const moduleInstance = moduleInstanceOf(p.address, p.type);
    // State JSON has no configuration but records `depends_on` per instance.
    const blocks = [...(config.references.get(blockAddress(p.address)) ?? []), ...blockReferences(p.dependsOn, scopeAt(''), 'depends_on')];
    return {
      address: p.address,
      type: p.type,
      provider: providerOfType(p.type),
      stack,
      source: ctx.source,
      format: 'terraform-plan',
      values: p.values,
      references: otherAddresses(
        blocks.flatMap((b) => instancesFor(b, moduleInstance)),
        p.address,
      ),
    };
  });
  return {
    resources: [...resources, ...config.providers],
    stack: { name: stack, source: ctx.source, format: 'terraform-plan' },
  };
}
