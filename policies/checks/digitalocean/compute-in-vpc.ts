import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { setOrLinked } from './helpers/links';

/**
 * TOM-NET-07. Droplets, DOKS clusters and load balancers join the
 * environment's own VPC (`vpc_uuid`). Left out, DigitalOcean places them in
 * the region's default VPC, which every project and environment of the
 * account shares, so private traffic is no longer separated.
 */
export function computeInVpc(resource: InventoryResource, index: InventoryIndex): CheckResult {
  if (setOrLinked(resource, 'vpc_uuid', index, 'digitalocean_vpc')) return pass('vpc_uuid is set', 'vpc_uuid');
  return fail(`vpc_uuid is not set: the resource lands in the region's default VPC, shared with every other project and environment`, 'vpc_uuid');
}
