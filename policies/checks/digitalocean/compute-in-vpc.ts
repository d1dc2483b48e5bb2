import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { setOrLinked } from './helpers/links';
import { DROPLET, DOKS, LB } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-NET-07',
  title: 'Compute in the environment\'s own VPC',
  severity: 'high',
  iso27001_2022: ['A.8.22'],
  iso27001_2013: ['A.13.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Trennungskontrolle',
  measures: ['M4', 'M14'],
  measure: 'Each environment\'s servers share a private network with nothing else.',
  equivalents: [],
  rationale: 'Without `vpc_uuid`, Droplets, clusters and load balancers join the region\'s default VPC, which every project and environment of the account shares.',
  remediation: 'Set `vpc_uuid` to the environment\'s `digitalocean_vpc`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DROPLET, DOKS, LB],
  check: computeInVpc,
};
