/**
 * Tables derived from the inventory index, built once per audit and typed:
 * a check on one resource never rescans the inventory, and each table is its
 * own lookup object, so two tables cannot collide on a string key or be read
 * back at the wrong type. The index is never mutated; a table lives as long
 * as its index.
 */
import type { InventoryIndex, InventoryResource } from './types';

/** A table computed from the whole index on first use. */
export function indexLookup<T>(build: (index: InventoryIndex) => T): (index: InventoryIndex) => T {
  const tables = new WeakMap<InventoryIndex, T>();
  return (index) => {
    if (tables.has(index)) return tables.get(index) as T;
    const table = build(index);
    tables.set(index, table);
    return table;
  };
}

/** A table per key (a stack, an environment) computed from the index on first use of that key. */
export function indexLookupBy<K, T>(build: (index: InventoryIndex, key: K) => T): (index: InventoryIndex, key: K) => T {
  const tables = new WeakMap<InventoryIndex, Map<K, T>>();
  return (index, key) => {
    let byKey = tables.get(index);
    if (!byKey) tables.set(index, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as T;
    const table = build(index, key);
    byKey.set(key, table);
    return table;
  };
}

/**
 * Resources of one type grouped by `keysOf(resource, index)` (several keys
 * allowed, usually `stackKey`s), in inventory order, built once per index.
 */
export function groupedBy(
  type: string,
  keysOf: (r: InventoryResource, index: InventoryIndex) => readonly string[],
): (index: InventoryIndex) => ReadonlyMap<string, readonly InventoryResource[]> {
  return indexLookup((index) => {
    const groups = new Map<string, InventoryResource[]>();
    for (const r of index.byType(type)) for (const key of keysOf(r, index)) addTo(groups, key, r);
    return groups;
  });
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
