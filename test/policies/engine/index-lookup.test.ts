import { buildIndex } from '../../../policies/inventory-index';
import { groupedBy, indexLookup, indexLookupBy } from '../../../policies/index-lookup';
import type { InventoryResource } from '../../../policies/types';

const resource = (name: string, stack: string, tag: string): InventoryResource => ({
  address: `digitalocean_firewall.${name}`,
  type: 'digitalocean_firewall',
  provider: 'digitalocean',
  stack,
  source: 'fixture.json',
  format: 'cdktf',
  values: { tags: [tag] },
  references: [],
});
const indexOf = (...resources: InventoryResource[]) =>
  buildIndex({ resources, stacks: [...new Set(resources.map((r) => r.stack))].map((name) => ({ name, source: 'fixture.json', format: 'cdktf' as const })) });

describe('typed lookups on the inventory index', () => {
  it('builds a table once per index, and a new one for another index', () => {
    const build = jest.fn((index: ReturnType<typeof indexOf>) => index.byType('digitalocean_firewall').length);
    const count = indexLookup(build);
    const a = indexOf(resource('a', 'platform-prod', 'web'));
    const b = indexOf(resource('a', 'platform-prod', 'web'), resource('b', 'platform-prod', 'db'));
    expect([count(a), count(a), count(b), count(b)]).toEqual([1, 1, 2, 2]);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('builds a table once per key, and keys never collide across lookups', () => {
    const build = jest.fn((index: ReturnType<typeof indexOf>, stack: string) => index.byStack(stack).map((r) => r.address));
    const inStack = indexLookupBy(build);
    const other = indexLookupBy((_index: ReturnType<typeof indexOf>, stack: string) => `other ${stack}`);
    const index = indexOf(resource('a', 'platform-prod', 'web'), resource('b', 'platform-dev', 'web'));
    expect([inStack(index, 'platform-prod'), inStack(index, 'platform-prod'), inStack(index, 'platform-dev')]).toEqual([
      ['digitalocean_firewall.a'],
      ['digitalocean_firewall.a'],
      ['digitalocean_firewall.b'],
    ]);
    expect(other(index, 'platform-prod')).toBe('other platform-prod');
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('groups resources of one type by every key they yield, in inventory order', () => {
    const byTag = groupedBy('digitalocean_firewall', (r) => (r.values.tags as string[]).map((t) => `${r.stack}/${t}`));
    const index = indexOf(resource('a', 'platform-prod', 'web'), resource('b', 'platform-prod', 'web'), resource('c', 'platform-dev', 'web'));
    expect(byTag(index).get('platform-prod/web')?.map((r) => r.address)).toEqual(['digitalocean_firewall.a', 'digitalocean_firewall.b']);
    expect(byTag(index)).toBe(byTag(index));
  });
});
