import type { Inventory, InventoryIndex, InventoryResource, StackInfo } from './types';

const EMPTY: readonly InventoryResource[] = Object.freeze([]);
const key = (stack: string, address: string): string => `${stack}\u0000${address}`;

function push<K>(map: Map<K, InventoryResource[]>, k: K, r: InventoryResource): void {
  const list = map.get(k);
  if (list) list.push(r);
  else map.set(k, [r]);
}

/**
 * Builds the lookup tables once per audit: by type, by address, by stack, and
 * both directions of the reference graph (within a stack, where Terraform
 * references live). Every lookup is then a map access.
 */
export function buildIndex(inventory: Inventory): InventoryIndex {
  const byType = new Map<string, InventoryResource[]>();
  const byStack = new Map<string, InventoryResource[]>();
  const byKey = new Map<string, InventoryResource>();
  const firstByAddress = new Map<string, InventoryResource>();
  const incoming = new Map<string, InventoryResource[]>();
  const outgoing = new Map<string, InventoryResource[]>();
  const stacks = new Map<string, StackInfo>(inventory.stacks.map((s) => [s.name, s]));

  for (const r of inventory.resources) {
    push(byType, r.type, r);
    push(byStack, r.stack, r);
    byKey.set(key(r.stack, r.address), r);
    if (!firstByAddress.has(r.address)) firstByAddress.set(r.address, r);
  }
  for (const r of inventory.resources) {
    for (const ref of r.references) {
      const target = byKey.get(key(r.stack, ref));
      if (!target || target === r) continue;
      push(outgoing, key(r.stack, r.address), target);
      push(incoming, key(target.stack, target.address), r);
    }
  }

  const filter = (list: readonly InventoryResource[] | undefined, type?: string): readonly InventoryResource[] =>
    !list ? EMPTY : type ? list.filter((r) => r.type === type) : list;

  return {
    inventory,
    byType: (type) => byType.get(type) ?? EMPTY,
    byAddress: (address, stack) => (stack === undefined ? firstByAddress.get(address) : byKey.get(key(stack, address))),
    byStack: (stack) => byStack.get(stack) ?? EMPTY,
    referencing: (target, type) => filter(incoming.get(key(target.stack, target.address)), type),
    referencedBy: (from, type) => filter(outgoing.get(key(from.stack, from.address)), type),
    stack: (name) => stacks.get(name),
  };
}
