import type { InventoryIndex } from '../../types';
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

/**
 * `stackStage`, computed once per stack and audit: it scans the stack for its
 * project, which per resource would make stage-dependent checks quadratic.
 */
export const stageOf = (stack: string, index: InventoryIndex): Stage | undefined =>
  perIndex(index, `stage\u0000${stack}`, () => stackStage(stack, index));

export const isProd = (stack: string, index: InventoryIndex): boolean => stageOf(stack, index) === 'prod';
