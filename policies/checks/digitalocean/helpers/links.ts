/**
 * Reading DigitalOcean attributes that point at other resources.
 *
 * In cdktf JSON such a value is an interpolation (`${digitalocean_vpc.vpc.id}`);
 * in plan JSON a value computed from a resource created in the same plan is
 * unknown and left out, while the configuration still records the reference.
 * Checks therefore accept either the value or the reference.
 */
import type { InventoryIndex, InventoryResource } from '../../../types';
import { attr, isRecord, isReference } from '../../../values';

/** A value that says something: non-empty string, list or object, any number or boolean. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.keys(v).length > 0;
  return true;
}

/**
 * True when `path` holds a value, or when it is absent and the resource
 * references a resource of `targetType` (the plan-JSON case above).
 */
export function setOrLinked(resource: InventoryResource, path: string, index: InventoryIndex, targetType: string): boolean {
  const v = attr(resource.values, path);
  if (isSet(v)) return true;
  return v === undefined && index.referencedBy(resource, targetType).length > 0;
}

const SINGLE_REFERENCE = /^\$\{((?:module\.[\w-]+\.)*[a-z][a-z0-9]*_[a-z0-9_]+\.[\w-]+)\.([\w.]+)\}$/;

/**
 * Follows a value that is exactly one reference to another resource's
 * attribute (`${digitalocean_vpc.vpc_fra1.region}`) one hop inside the stack;
 * any other value is returned as it is.
 */
export function resolved(value: unknown, from: InventoryResource, index: InventoryIndex): unknown {
  if (typeof value !== 'string') return value;
  const m = SINGLE_REFERENCE.exec(value.trim());
  if (!m) return value;
  const target = index.byAddress(m[1], from.stack);
  return target ? attr(target.values, m[2]) ?? value : value;
}

/** `attr` followed by `resolved`. */
export const resolvedAttr = (resource: InventoryResource, path: string, index: InventoryIndex): unknown =>
  resolved(attr(resource.values, path), resource, index);

// `${digitalocean_tag.web.id}` / `${module.m.digitalocean_tag.web[0].name}`: a tag named through its resource.
const TAG_REFERENCE = /^\$\{((?:module\.[\w-]+(?:\[[^\]]+\])?\.)*digitalocean_tag\.[\w-]+(?:\[[^\]]+\])?)\.(id|name)\}$/;

/**
 * What a tag entry names, the same whichever way it is written: a literal
 * name, or a reference to a `digitalocean_tag` by `.name` or `.id` (the API
 * accepts either, and a tag's id is its name). A reference resolves to the
 * tag resource's literal name when the inventory has it, else to the
 * resource address, so `.id` on one side matches `.name` on the other.
 * Undefined for any other apply-time value.
 */
export function tagKey(tag: string, stack: string, index: InventoryIndex): string | undefined {
  if (!isReference(tag)) return tag;
  const m = TAG_REFERENCE.exec(tag.trim());
  if (!m) return undefined;
  const target = index.byAddress(m[1], stack);
  const name = target?.values.name;
  return typeof name === 'string' && !isReference(name) ? name : `\u0001${m[1]}`;
}
