import { buildIndex } from '../../../policies/inventory-index';
import { inventory, res } from './build';

describe('buildIndex', () => {
  const vpc = res('digitalocean_vpc', 'vpc', { region: 'fra1' });
  const db = res('digitalocean_database_cluster', 'db', { private_network_uuid: '${digitalocean_vpc.vpc.id}' });
  const fw = res('digitalocean_database_firewall', 'fw', { cluster_id: '${digitalocean_database_cluster.db.id}' });
  const pool = res('digitalocean_database_connection_pool', 'pool', { cluster_id: '${digitalocean_database_cluster.db.id}' });
  const stagingVpc = res('digitalocean_vpc', 'vpc', { region: 'ams3' }, 'staging');
  // Same address in another stack: references never cross stacks.
  const stagingDb = res('digitalocean_database_cluster', 'db', { private_network_uuid: '${digitalocean_vpc.vpc.id}' }, 'staging');
  const index = buildIndex(inventory(vpc, db, fw, pool, stagingVpc, stagingDb));

  it('looks up by type, by stack and by address (optionally stack-qualified)', () => {
    expect(index.byType('digitalocean_vpc')).toEqual([vpc, stagingVpc]);
    expect(index.byType('azurerm_anything')).toEqual([]);
    expect(index.byStack('staging')).toEqual([stagingVpc, stagingDb]);
    expect(index.byAddress('digitalocean_vpc.vpc', 'staging')).toBe(stagingVpc);
    expect(index.byAddress('digitalocean_vpc.vpc')).toBe(vpc);
    expect(index.stack('staging')).toMatchObject({ name: 'staging' });
  });

  it('looks up a type within one stack without scanning the others', () => {
    expect(index.byType('digitalocean_vpc', 'staging')).toEqual([stagingVpc]);
    expect(index.byType('digitalocean_vpc', vpc.stack)).toEqual([vpc]);
    expect(index.byType('digitalocean_database_firewall', 'staging')).toEqual([]);
    expect(index.byType('digitalocean_vpc', 'no-such-stack')).toEqual([]);
  });

  it('answers both directions of the reference graph, within a stack, optionally by type', () => {
    expect(index.referencing(db)).toEqual([fw, pool]);
    expect(index.referencing(db, 'digitalocean_database_firewall')).toEqual([fw]);
    expect(index.referencedBy(fw)).toEqual([db]);
    expect(index.referencing(vpc)).toEqual([db]);
    expect(index.referencing(stagingVpc)).toEqual([stagingDb]);
    expect(index.referencedBy(vpc)).toEqual([]);
    expect(index.referencing({ ...db }, 'digitalocean_database_firewall')).toEqual([fw]); // a copy finds the indexed resource
  });
});
