import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isSet, resolvedAttr } from './helpers/links';
import { isEuLocation } from './helpers/location';
import { isProd } from '../common/stage';

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
