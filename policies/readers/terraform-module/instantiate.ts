/**
 * Turns a loaded module tree into inventory resources the way `terraform
 * plan` addresses them: `count` gives `type.name[i]` (0 means no resource),
 * `for_each` gives `type.name["key"]`, a local child module gives
 * `module.x.type.name` (`module.x[0].…` / `module.x["k"].…` when it has
 * count / for_each itself), `dynamic` blocks expand over known collections.
 * Where count / for_each / a dynamic block's collection is not known
 * statically, one instance is kept at the block address with the
 * per-instance values unknown, so its checks answer `unknown`, not pass.
 */
import { InputError } from '../../errors';
import { terraformReferences } from '../../references';
import type { InventoryResource } from '../../types';
import { otherAddresses, providerOfType } from '../common';
import { describe, evaluateValue, withIterators, type Scope } from './evaluate';
import type { LoadedModule } from './load';
import { hasUnknown, isMap, toInventoryValue, Unknown } from './unknown';

/** Meta-arguments: not attributes of the resource, so never in `values`. */
const META = new Set(['//', 'count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
const MODULE_META = new Set(['//', 'source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export interface Collector {
  readonly stack: string;
  readonly resources: InventoryResource[];
  /** Remote module calls: `module.x` with its source, listed in the report as not audited. */
  readonly notAudited: string[];
}

interface Instance {
  /** `[0]`, `["key"]`, or `` for a single instance. */
  readonly suffix: string;
  readonly iterators: Record<string, unknown>;
}

const bodies = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isMap) : isMap(v) ? [v] : []);

/** More instances than any real configuration has; beyond it a `count` is hostile or a typo, not infrastructure. */
export const MAX_INSTANCES = 10_000;

/** Instances of a block from its `count` / `for_each`. */
function instancesOf(body: Record<string, unknown>, scope: Scope): Instance[] {
  if ('count' in body) {
    const raw = body.count;
    const v = evaluateValue(raw, scope);
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
    if (n === undefined || !Number.isInteger(n) || n < 0) {
      return [{ suffix: '', iterators: { count: { index: new Unknown(`count.index (count = ${describe(String(raw))})`) } } }];
    }
    if (n > MAX_INSTANCES) throw new InputError(`count = ${describe(String(raw))} is ${n}: more than the ${MAX_INSTANCES} instances the audit expands per block.`);
    return Array.from({ length: n }, (_, i) => ({ suffix: `[${i}]`, iterators: { count: { index: i } } }));
  }
  if ('for_each' in body) {
    const raw = body.for_each;
    const v = evaluateValue(raw, scope);
    const shown = typeof raw === 'string' ? describe(raw) : JSON.stringify(raw);
    const unknownEach = { each: { key: new Unknown(`each.key (for_each = ${shown})`), value: new Unknown(`each.value (for_each = ${shown})`) } };
    if (isMap(v)) {
      return Object.keys(v)
        .sort()
        .map((k) => ({ suffix: `[${JSON.stringify(k)}]`, iterators: { each: { key: k, value: v[k] } } }));
    }
    if (Array.isArray(v) && !v.some(hasUnknown) && v.every((x) => typeof x === 'string')) {
      return [...new Set(v as string[])].sort().map((k) => ({ suffix: `[${JSON.stringify(k)}]`, iterators: { each: { key: k, value: k } } }));
    }
    return [{ suffix: '', iterators: unknownEach }];
  }
  return [{ suffix: '', iterators: {} }];
}

/** Nested blocks and attributes, expanding `dynamic` blocks; values may hold `Unknown`s. */
function evaluateBody(body: Record<string, unknown>, scope: Scope, skip: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const generated = new Map<string, unknown[]>();
  for (const [key, raw] of Object.entries(body)) {
    if (skip.has(key)) continue;
    if (key === 'dynamic' && (isMap(raw) || Array.isArray(raw))) {
      for (const obj of bodies(raw)) {
        for (const [name, defs] of Object.entries(obj)) {
          for (const def of bodies(defs)) {
            const list = generated.get(name) ?? [];
            generated.set(name, list);
            list.push(...dynamicBlocks(name, def, scope));
          }
        }
      }
      continue;
    }
    out[key] = evaluateNested(raw, scope);
  }
  for (const [name, list] of generated) {
    const existing = out[name];
    out[name] = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...list];
  }
  return out;
}

function evaluateNested(raw: unknown, scope: Scope): unknown {
  if (isMap(raw)) {
    // Keys may be templates (`(var.x) = 1`); evaluate through evaluateValue for those.
    if (Object.keys(raw).some((k) => k.includes('${'))) return evaluateValue(raw, scope);
    return evaluateBody(raw, scope, new Set());
  }
  if (Array.isArray(raw)) return raw.map((x) => evaluateNested(x, scope));
  return evaluateValue(raw, scope);
}

/** `dynamic "name" { for_each = …, iterator = …, content { … } }`. */
function dynamicBlocks(name: string, def: Record<string, unknown>, scope: Scope): Record<string, unknown>[] {
  const iterator = typeof def.iterator === 'string' ? describe(def.iterator) : name;
  const content = bodies(def.content)[0] ?? {};
  const raw = def.for_each;
  const coll = evaluateValue(raw, scope);
  const each = (key: unknown, value: unknown): Record<string, unknown> =>
    evaluateBody(content, withIterators(scope, { [iterator]: { key, value } }), new Set());
  if (Array.isArray(coll) && !coll.some((x) => x instanceof Unknown)) return coll.map((v, i) => each(i, v));
  if (isMap(coll)) return Object.keys(coll).sort().map((k) => each(k, coll[k]));
  // Unknown collection: one block standing for every element, its per-element values unknown.
  const shown = typeof raw === 'string' ? describe(raw) : JSON.stringify(raw);
  return [each(new Unknown(`${shown} (dynamic "${name}" key)`), new Unknown(`${shown}[*]`))];
}

/** `depends_on` entries are bare addresses in `.tf.json` and interpolations from hcl2json; both count. */
function dependsOn(body: Record<string, unknown>): string[] {
  const list = Array.isArray(body.depends_on) ? body.depends_on : [];
  return terraformReferences(list.map((d) => (typeof d === 'string' && !d.includes('${') ? `\${${d}}` : d)));
}

/** Values given to one module instance: the caller's inputs, else defaults, else unknown. */
export type Inputs = ReadonlyMap<string, unknown>;

/**
 * Evaluates one instance of `mod` at `prefix` (`` for the root, `module.x.`
 * for a child) into `out`, and returns its outputs as a lazy object.
 */
export function instantiate(mod: LoadedModule, prefix: string, inputs: Inputs, out: Collector): () => Record<string, unknown> {
  const { config } = mod;
  const localValues = new Map<string, unknown>();
  const evaluating: string[] = [];
  const moduleValues = new Map<string, unknown>();
  const modulesInProgress = new Set<string>();

  const resourceValues = new Map<string, unknown>();
  let blocksByKey: Map<string, (typeof config.resources)[number]> | undefined;
  const scope: Scope = {
    prefix,
    resource: (type, name) => {
      const key = `${type}.${name}`;
      if (resourceValues.has(key)) return resourceValues.get(key);
      // By key, not a scan per reference: a module of thousands of blocks refers to thousands of them.
      if (!blocksByKey) {
        blocksByKey = new Map();
        for (const r of config.resources) if (!blocksByKey.has(`${r.type}.${r.name}`)) blocksByKey.set(`${r.type}.${r.name}`, r);
      }
      const block = blocksByKey.get(key);
      if (!block) return undefined;
      // Guard: a count that refers to its own resource is Terraform's error; here it stays unknown.
      resourceValues.set(key, new Unknown(`${prefix}${key}`));
      const instances = instancesOf(block.body, scope);
      const base = `${prefix}${key}`;
      let value: unknown = new Unknown(base);
      if (instances.length !== 1 || instances[0].suffix !== '') {
        if ('count' in block.body) value = instances.map((i) => new Unknown(base + i.suffix));
        else value = Object.fromEntries(instances.map((i) => [JSON.parse(i.suffix.slice(1, -1)) as string, new Unknown(base + i.suffix)]));
      }
      resourceValues.set(key, value);
      return value;
    },
    iterators: new Map(),
    variable: (name) => {
      if (inputs.has(name)) return inputs.get(name);
      const decl = config.variables.get(name);
      if (decl?.hasDefault) return decl.default;
      return new Unknown(`var.${name}`);
    },
    local: (name) => {
      if (localValues.has(name)) return localValues.get(name);
      const decl = config.locals.get(name);
      if (!decl) return new Unknown(`local.${name}`);
      if (evaluating.includes(name)) {
        const cycle = [...evaluating.slice(evaluating.indexOf(name)), name].map((n) => `local.${n}`).join(' -> ');
        throw new InputError(`${decl.file}: locals refer to each other in a cycle: ${cycle}. Terraform refuses such a module.`);
      }
      evaluating.push(name);
      const v = evaluateNested(decl.value, scope);
      evaluating.pop();
      localValues.set(name, v);
      return v;
    },
    module: (name) => {
      if (moduleValues.has(name)) return moduleValues.get(name);
      if (modulesInProgress.has(name) || !mod.children.has(name)) return new Unknown(`module.${name}`);
      instantiateChild(name);
      return moduleValues.get(name);
    },
  };

  const instantiateChild = (name: string): void => {
    if (moduleValues.has(name) || modulesInProgress.has(name)) return;
    const child = mod.children.get(name)!;
    const call = config.moduleCalls.find((c) => c.name === name)!;
    if (child.kind === 'remote') {
      out.notAudited.push(`${prefix}module.${name} (source "${child.source}"${child.version ? `, version "${child.version}"` : ''}): remote module, not audited; audit the plan JSON to see its resources`);
      moduleValues.set(name, new Unknown(`${prefix}module.${name}`));
      return;
    }
    modulesInProgress.add(name);
    const instances = instancesOf(call.body, scope);
    const outputs: [string, Record<string, unknown>][] = [];
    for (const inst of instances) {
      const instScope = withIterators(scope, inst.iterators);
      const given = new Map<string, unknown>();
      for (const [k, raw] of Object.entries(call.body)) if (!MODULE_META.has(k)) given.set(k, evaluateNested(raw, instScope));
      const outputsOf = instantiate(child.module, `${prefix}module.${name}${inst.suffix}.`, given, out);
      outputs.push([inst.suffix, outputsOf()]);
    }
    modulesInProgress.delete(name);
    const counted = 'count' in call.body;
    const keyed = 'for_each' in call.body;
    if (instances.length === 1 && instances[0].suffix === '' && (counted || keyed)) moduleValues.set(name, new Unknown(`${prefix}module.${name}`));
    else if (counted) moduleValues.set(name, outputs.map(([, o]) => o));
    else if (keyed) moduleValues.set(name, Object.fromEntries(outputs.map(([s, o]) => [JSON.parse(s.slice(1, -1)) as string, o])));
    else moduleValues.set(name, outputs[0][1]);
  };

  for (const call of config.moduleCalls) instantiateChild(call.name);

  // Resources: expand, then resolve references to the instances of this module instance.
  const made: { resource: InventoryResource; refs: string[] }[] = [];
  const instancesOfBlock = new Map<string, string[]>();
  for (const block of config.resources) {
    const base = `${prefix}${block.type}.${block.name}`;
    const list: string[] = [];
    instancesOfBlock.set(`${block.type}.${block.name}`, list);
    const refs = [...terraformReferences(block.body), ...dependsOn(block.body)];
    for (const inst of instancesOf(block.body, scope)) {
      const values = toInventoryValue(evaluateBody(block.body, withIterators(scope, inst.iterators), META)) as Record<string, unknown>;
      const address = base + inst.suffix;
      list.push(address);
      made.push({
        resource: { address, type: block.type, provider: providerOfType(block.type), stack: out.stack, source: block.file, format: 'terraform', values, references: [] },
        refs,
      });
    }
  }
  for (const { resource, refs } of made) {
    const targets = refs.flatMap((r) => instancesOfBlock.get(r) ?? []);
    out.resources.push({ ...resource, references: otherAddresses(targets, resource.address) });
  }
  for (const p of config.providers) {
    const values = toInventoryValue(evaluateBody(p.body, scope, new Set(['//']))) as Record<string, unknown>;
    const alias = typeof values.alias === 'string' ? `.${values.alias}` : '';
    out.resources.push({
      address: `${prefix}provider.${p.name}${alias}`,
      type: 'terraform_provider',
      provider: p.name,
      stack: out.stack,
      source: p.file,
      format: 'terraform',
      values,
      references: [],
    });
  }
  if (prefix === '') {
    for (const b of config.backends) {
      out.resources.push({
        address: `terraform.backend.${b.kind}`,
        type: 'terraform_backend',
        provider: 'terraform',
        stack: out.stack,
        source: b.file,
        format: 'terraform',
        values: toInventoryValue(evaluateBody(b.body, scope, new Set(['//']))) as Record<string, unknown>,
        references: [],
      });
    }
  }

  let outputs: Record<string, unknown> | undefined;
  return () => {
    if (!outputs) {
      outputs = {};
      for (const [name, o] of config.outputs) outputs[name] = evaluateNested(o.value, scope);
    }
    return outputs;
  };
}
