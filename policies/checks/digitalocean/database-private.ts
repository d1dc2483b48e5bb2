import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { attr, blocks } from '../../values';
import { cidrContains } from '../../cidr';
import { setOrLinked } from './helpers/links';
import { isPrivateCidr, isWorld } from './helpers/network';
import { DB, REPLICA } from './helpers/catalogue';

/** Trusted-source types that name a DigitalOcean resource rather than an address. */
const RESOURCE_SOURCES: readonly string[] = ['droplet', 'k8s', 'tag', 'app'];

/** Why an `ip_addr` trusted source lies outside the database's network, or undefined. */
function addressProblem(value: string, vpcRange: unknown): string | undefined {
  if (isWorld(value)) return 'is the whole internet';
  if (typeof vpcRange === 'string' && vpcRange !== '') {
    return cidrContains(vpcRange, value) ? undefined : `is outside the VPC range ${vpcRange}`;
  }
  return isPrivateCidr(value) ? undefined : 'is a public address (the VPC range is unknown, so only private ranges are accepted)';
}

/**
 * TOM-NET-06. Every managed database is private: it joins a VPC
 * (`private_network_uuid`), and a `digitalocean_database_firewall` on the
 * cluster admits only DigitalOcean resources (droplet, k8s, tag, app) or
 * addresses inside that VPC. Without a firewall the cluster accepts any
 * address that holds the credentials. Replicas are checked for the VPC; their
 * trusted sources are the primary's.
 */
export function databasePrivate(db: InventoryResource, index: InventoryIndex): CheckResult {
  if (!setOrLinked(db, 'private_network_uuid', index, 'digitalocean_vpc')) {
    return fail(`private_network_uuid is not set: the database joins the region's default VPC, shared with every other project`, 'private_network_uuid');
  }
  if (db.type === 'digitalocean_database_replica') return pass('private_network_uuid is set', 'private_network_uuid');
  const firewalls = index.referencing(db, 'digitalocean_database_firewall');
  if (firewalls.length === 0) {
    return fail(`no digitalocean_database_firewall has cluster_id pointing at this cluster: it accepts connections from any address`, 'digitalocean_database_firewall.cluster_id');
  }
  const vpcRange = attr(index.referencedBy(db, 'digitalocean_vpc')[0]?.values, 'ip_range');
  for (const fw of firewalls) {
    const rules = blocks(fw.values, 'rule');
    if (rules.length === 0) return fail(`${fw.address} has no rule`, `${fw.address}.rule`);
    for (const [i, rule] of rules.entries()) {
      const type = String(rule.type ?? '');
      if (RESOURCE_SOURCES.includes(type)) continue;
      const value = String(rule.value ?? '');
      const problem = type === 'ip_addr' ? addressProblem(value, vpcRange) : `has unknown type "${type}"`;
      if (problem) {
        return fail(`${fw.address} rule[${i}] ${type} "${value}" ${problem}; admit droplet/k8s/tag/app sources or VPC addresses only`, `${fw.address}.rule[${i}].value`);
      }
    }
  }
  return pass(`in a VPC; trusted sources from ${firewalls.map((f) => f.address).join(', ')}`, 'private_network_uuid');
}

export const control: ResourceControl = {
  id: 'TOM-NET-06',
  title: 'Managed databases private and behind trusted sources',
  severity: 'critical',
  iso27001_2022: ['A.8.22', 'A.8.3'],
  iso27001_2013: ['A.13.1.3', 'A.9.4.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4', 'M17'],
  measure: 'Databases are reachable only from the application\'s own network and workloads.',
  equivalents: [],
  rationale:
    'A managed database without trusted sources accepts connections from any address that has the credentials; one leaked connection string exposes all personal data.',
  remediation:
    'Set `private_network_uuid` to the environment\'s VPC and add a `digitalocean_database_firewall` whose rules are of type k8s, droplet, tag or app, or ip_addr inside the VPC range.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DB, REPLICA],
  check: databasePrivate,
};
