import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isSet, resolvedAttr } from './helpers/links';
import { isEuLocation } from './helpers/location';
import { isProd } from '../common/stage';
import { DB } from './helpers/catalogue';

/** Engines that offer read replicas. */
const REPLICA_ENGINES: readonly string[] = ['pg', 'mysql'];

/**
 * TOM-AVL-02. A production PostgreSQL/MySQL cluster has a
 * `digitalocean_database_replica` in a second EU region, so losing one data
 * centre loses no data. A replica without `region` sits in the primary's
 * region and does not count.
 */
export function databaseGeoReplica(db: InventoryResource, index: InventoryIndex): CheckResult {
  if (!isProd(db.stack, index)) return notApplicable('not a production stack');
  const engine = String(db.values.engine ?? '');
  if (!REPLICA_ENGINES.includes(engine)) return notApplicable(`engine "${engine}" has no read replicas`);
  const primary = resolvedAttr(db, 'region', index);
  const replicas = index.referencing(db, 'digitalocean_database_replica');
  if (replicas.length === 0) {
    return fail('no digitalocean_database_replica has cluster_id pointing at this cluster: one data centre holds every copy', 'digitalocean_database_replica.cluster_id');
  }
  for (const replica of replicas) {
    const region = resolvedAttr(replica, 'region', index);
    if (isSet(region) && region !== primary && isEuLocation(region)) return pass(`${replica.address} in ${String(region)}`, `${replica.address}.region`);
  }
  const found = replicas.map((r) => `${r.address} in ${String(resolvedAttr(r, 'region', index) ?? `${String(primary)} (region not set)`)}`).join(', ');
  return fail(`no replica in an EU region other than the primary's ${String(primary)}: ${found}`, `${replicas[0].address}.region`);
}

export const control: ResourceControl = {
  id: 'TOM-AVL-02',
  title: 'Production databases replicated to a second EU region',
  severity: 'medium',
  iso27001_2022: ['A.8.14', 'A.5.30'],
  iso27001_2013: ['A.17.2.1'],
  gdprArt32: ['b', 'c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M11'],
  measure: 'Data is held geo-redundantly, so losing one data centre loses no data.',
  equivalents: [],
  rationale: 'Standby nodes share the primary\'s region; a read replica in another EU region survives the loss of the whole region and can be promoted.',
  remediation: 'Add a `digitalocean_database_replica` with `region` set to the secondary EU region (e.g. ams3 for a fra1 primary).',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DB],
  check: databaseGeoReplica,
};
