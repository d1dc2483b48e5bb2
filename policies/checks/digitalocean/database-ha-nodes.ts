import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { num } from '../../values';
import { isProd } from '../common/stage';
import { DB } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-AVL-01',
  title: 'Production databases have a standby node',
  severity: 'high',
  iso27001_2022: ['A.8.14'],
  iso27001_2013: ['A.17.2.1'],
  gdprArt32: ['b', 'c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M11'],
  measure: 'Production services run redundantly on several servers and fail over automatically.',
  equivalents: [],
  rationale: 'With one node, a host failure or maintenance takes the database down until DigitalOcean rebuilds it; a standby fails over automatically.',
  remediation: 'Set `node_count = 2` (or 3) on production `digitalocean_database_cluster`s.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DB],
  check: databaseHaNodes,
};
