/**
 * Lookup tables built once per audit (per index), so a check on one resource
 * never rescans the inventory: the memo itself, the tables most checks need
 * (resources grouped by a key, a stack's stage) and the small structures they
 * are made of.
 */
import type { InventoryIndex, InventoryResource } from '../../types';
import type { Stage } from './stage';
import { stackStage } from './stage';

const cache = new WeakMap<InventoryIndex, Map<string, unknown>>();

/**
 * Builds a lookup table once per audit (per index) and hands the same table to
 * every later call. Cross-stack checks (names shared across stages, firewall
 * tags) use it so a check on one resource never rescans the whole inventory.
 * `key` must name what `build` computes; the index is never mutated.
 */
export function perIndex<T>(index: InventoryIndex, key: string, build: () => T): T {
  let tables = cache.get(index);
  if (!tables) {
    tables = new Map();
    cache.set(index, tables);
  }
  if (!tables.has(key)) tables.set(key, build());
  return tables.get(key) as T;
}

/** Appends `value` to the list under `key`, creating the list on first use. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Key of a per-stack table (`stack\0name`): names repeat across stacks, and a lookup stays within one. */
export const stackKey = (stack: string, name: string): string => `${stack}\u0000${name}`;

/**
 * Resources of one type grouped by `keysOf(resource)` (several keys allowed,
 * usually `stackKey`s), in inventory order, built once per index. `table`
 * names the grouping, so two checks grouping the same type alike share it.
 */
export function groupedBy(
  index: InventoryIndex,
  type: string,
  table: string,
  keysOf: (r: InventoryResource) => readonly string[],
): ReadonlyMap<string, readonly InventoryResource[]> {
  return perIndex(index, `grouped:${type}:${table}`, () => {
    const groups = new Map<string, InventoryResource[]>();
    for (const r of index.byType(type)) for (const key of keysOf(r)) addTo(groups, key, r);
    return groups;
  });
}

/**
 * The first item added whose label differs from a given one, in O(1): it is
 * either the first item, or the first whose label differs from the first's.
 * Answers "does anyone outside my stage hold this name?" without keeping, or
 * scanning, everyone who does.
 */
export class FirstWithOtherLabel<T> {
  private first?: { readonly item: T; readonly label: string };
  private firstOther?: T;

  add(item: T, label: string): void {
    if (!this.first) this.first = { item, label };
    else if (this.firstOther === undefined && label !== this.first.label) this.firstOther = item;
  }

  /** The first item whose label is not `label`, or undefined. */
  notLabelled(label: string): T | undefined {
    if (!this.first) return undefined;
    return this.first.label !== label ? this.first.item : this.firstOther;
  }
}

/**
 * `stackStage`, computed once per stack and audit, so stage-dependent checks
 * on every resource do not repeat the stack's project lookup and name parse.
 */
export const stageOf = (stack: string, index: InventoryIndex): Stage | undefined =>
  perIndex(index, `stage\u0000${stack}`, () => stackStage(stack, index));

export const isProd = (stack: string, index: InventoryIndex): boolean => stageOf(stack, index) === 'prod';
