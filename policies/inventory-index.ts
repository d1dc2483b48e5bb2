import { addTo } from './index-lookup';
import type { Inventory, InventoryIndex, InventoryResource, StackInfo } from './types';

const EMPTY: readonly InventoryResource[] = Object.freeze([]);
/** Edge lists up to this long are filtered per request; longer ones are grouped by type once. */
const SHORT_EDGE_LIST = 16;

/**
 * Builds the lookup tables once per audit: by type (overall and per stack),
 * by address, by stack, and both directions of the reference graph (within a
 * stack, where Terraform references live). Every lookup is then a map access;
 * the reference maps are keyed by the resource objects themselves, so
 * following an edge builds no strings.
 */
export function buildIndex(inventory: Inventory): InventoryIndex {
  const byType = new Map<string, InventoryResource[]>();
  const byTypeInStack = new Map<string, Map<string, InventoryResource[]>>();
  const byStack = new Map<string, InventoryResource[]>();
  const addressesByStack = new Map<string, Map<string, InventoryResource>>();
  const firstByAddress = new Map<string, InventoryResource>();
  const incoming = new Map<InventoryResource, InventoryResource[]>();
  const outgoing = new Map<InventoryResource, InventoryResource[]>();
  const stacks = new Map<string, StackInfo>(inventory.stacks.map((s) => [s.name, s]));

  for (const r of inventory.resources) {
    addTo(byType, r.type, r);
    let ofType = byTypeInStack.get(r.type);
    if (!ofType) byTypeInStack.set(r.type, (ofType = new Map()));
    addTo(ofType, r.stack, r);
    addTo(byStack, r.stack, r);
    let addresses = addressesByStack.get(r.stack);
    if (!addresses) addressesByStack.set(r.stack, (addresses = new Map()));
    addresses.set(r.address, r);
    if (!firstByAddress.has(r.address)) firstByAddress.set(r.address, r);
  }
  for (const r of inventory.resources) {
    if (r.references.length === 0) continue;
    const addresses = addressesByStack.get(r.stack)!;
    for (const ref of r.references) {
      const target = addresses.get(ref);
      if (!target || target === r) continue;
      addTo(outgoing, r, target);
      addTo(incoming, target, r);
    }
  }

  const byAddress = (address: string, stack?: string): InventoryResource | undefined =>
    stack === undefined ? firstByAddress.get(address) : addressesByStack.get(stack)?.get(address);
  // A hub (a VPC, a zone, a project listing every resource) has long edge
  // lists, and checks ask for one type of them once per neighbour: such a
  // list is grouped by type on first request, short ones are just filtered.
  const edgesByType = new Map<readonly InventoryResource[], Map<string, InventoryResource[]>>();
  const ofType = (list: readonly InventoryResource[], type: string): readonly InventoryResource[] => {
    if (list.length <= SHORT_EDGE_LIST) return list.filter((x) => x.type === type);
    let groups = edgesByType.get(list);
    if (!groups) {
      edgesByType.set(list, (groups = new Map()));
      for (const x of list) addTo(groups, x.type, x);
    }
    return groups.get(type) ?? EMPTY;
  };
  // A caller may hold a copy of a resource rather than the indexed object: fall back to its address.
  const edges = (map: Map<InventoryResource, InventoryResource[]>, r: InventoryResource, type?: string): readonly InventoryResource[] => {
    const indexed = map.has(r) ? r : byAddress(r.address, r.stack);
    const list = indexed && map.get(indexed);
    if (!list) return EMPTY;
    return type ? ofType(list, type) : list;
  };

  return {
    inventory,
    byType: (type, stack) => (stack === undefined ? byType.get(type) : byTypeInStack.get(type)?.get(stack)) ?? EMPTY,
    byAddress,
    byStack: (stack) => byStack.get(stack) ?? EMPTY,
    referencing: (target, type) => edges(incoming, target, type),
    referencedBy: (from, type) => edges(outgoing, from, type),
    stack: (name) => stacks.get(name),
  };
}
