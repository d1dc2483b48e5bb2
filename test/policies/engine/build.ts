/** In-memory inventories for engine tests, where reading fixture files would hide what is being tested. */
import { terraformReferences } from '../../../policies/references';
import type { Inventory, InventoryResource } from '../../../policies/types';

export function res(type: string, name: string, values: Record<string, unknown> = {}, stack = 'prod'): InventoryResource {
  return {
    address: `${type}.${name}`,
    type,
    provider: type.split('_')[0],
    stack,
    source: `${stack}.tf.json`,
    format: 'cdktf',
    values,
    references: terraformReferences(values),
  };
}

export function inventory(...resources: InventoryResource[]): Inventory {
  const stacks = [...new Set(resources.map((r) => r.stack))].map((name) => ({ name, source: `${name}.tf.json`, format: 'cdktf' as const }));
  return { resources, stacks };
}
