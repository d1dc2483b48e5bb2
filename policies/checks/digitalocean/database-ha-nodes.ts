import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { num } from '../../values';
import { isProd } from '../common/stage';

/**
 * TOM-AVL-01. A production managed database runs at least two nodes
 * (`node_count` ≥ 2: a primary and a standby with automatic failover).
 * Non-production stages are not judged. The provider default is one node.
 */
export function databaseHaNodes(db: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isProd(db.stack, index)) return notApplicable('not a production stack');
  const nodes = num(db.values.node_count) ?? 1;
  if (nodes >= 2) return pass(`node_count ${nodes}`, 'node_count');
  return fail(`node_count is ${nodes}; production needs at least 2 (primary + standby) for automatic failover`, 'node_count');
}
