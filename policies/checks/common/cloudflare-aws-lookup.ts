/**
 * Name-keyed lookup tables for the Cloudflare and AWS checks, built once per
 * audit through `perIndex` (common/cross-memo.ts), so lookups by hostname or
 * bucket name stay linear over the inventory instead of scanning every
 * candidate for every resource.
 */
import type { InventoryIndex, InventoryResource } from '../../types';
import { perIndex } from './cross-memo';

/** Key of a per-stack name table. */
export const stackKey = (stack: string, name: string): string => `${stack}\u0000${name}`;

/** Resources of one type grouped by `keysOf(resource)` (several keys allowed), built once per index. */
export function groupedBy(
  index: InventoryIndex,
  type: string,
  table: string,
  keysOf: (r: InventoryResource) => readonly string[],
): ReadonlyMap<string, readonly InventoryResource[]> {
  return perIndex(index, `cloudflare-aws:${type}:${table}`, () => {
    const groups = new Map<string, InventoryResource[]>();
    for (const r of index.byType(type)) {
      for (const key of keysOf(r)) {
        const list = groups.get(key);
        if (list) list.push(r);
        else groups.set(key, [r]);
      }
    }
    return groups;
  });
}
