import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isReference } from '../../values';
import { FirstWithOtherLabel, indexLookup } from '../../index-lookup';
import { stageOf, type Stage } from '../common/stage';

/** Named DigitalOcean resources that an operator or script picks by name. */
export const NAMED_TYPES: readonly string[] = [
  'digitalocean_project',
  'digitalocean_vpc',
  'digitalocean_kubernetes_cluster',
  'digitalocean_database_cluster',
  'digitalocean_database_replica',
  'digitalocean_spaces_bucket',
  'digitalocean_droplet',
  'digitalocean_loadbalancer',
  'digitalocean_firewall',
  'digitalocean_volume',
];

interface Holder {
  readonly stack: string;
  readonly stage: Stage;
}

/**
 * `type\0name` → the stacks (with their stage) holding such a resource, built
 * once per audit. Only the first holder outside a given stage is ever
 * reported, so each name keeps two holders, not every one.
 */
const holdersByName = indexLookup((index: InventoryIndex): Map<string, FirstWithOtherLabel<Holder>> => {
  const map = new Map<string, FirstWithOtherLabel<Holder>>();
  for (const type of NAMED_TYPES) {
    for (const r of index.byType(type)) {
      const stage = stageOf(r.stack, index);
      if (typeof r.values.name !== 'string' || !stage) continue;
      const key = `${type}\u0000${r.values.name}`;
      let holders = map.get(key);
      if (!holders) map.set(key, (holders = new FirstWithOtherLabel()));
      holders.add({ stack: r.stack, stage }, stage);
    }
  }
  return map;
});

/**
 * TOM-SEP-03. No two stages name a resource of the same type alike: a
 * console action, script or `doctl` command aimed at `db` in staging must not
 * be able to hit production's `db`. Resources of stacks whose stage is
 * unknown are not compared.
 */
export function namesUniquePerStage(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const name = resource.values.name;
  if (typeof name !== 'string' || isReference(name)) return notApplicable('no literal name');
  const stage = stageOf(resource.stack, index);
  if (!stage) return notApplicable('stage of the stack unknown');
  const clash = holdersByName(index).get(`${resource.type}\u0000${name}`)?.notLabelled(stage);
  if (!clash) return pass(`name "${name}" is used by ${stage} only`, 'name');
  return fail(`name "${name}" is also used by a ${resource.type} in stack ${clash.stack} (stage ${clash.stage}); include the environment in the name`, 'name');
}

export const control: ResourceControl = {
  id: 'TOM-SEP-03',
  title: 'No resource name shared between environments',
  severity: 'low',
  iso27001_2022: ['A.8.31'],
  iso27001_2013: ['A.12.1.4', 'A.14.2.6'],
  gdprArt32: ['b'],
  tomCategory: 'Trennungskontrolle',
  measures: ['M14'],
  measure: 'Nobody can change production by mistaking it for another environment.',
  equivalents: [],
  rationale: 'Consoles, scripts and `doctl` select resources by name; when staging and production both have a `db`, one slip changes production.',
  remediation: 'Put the environment into every resource name (e.g. `app-prod-db`, `app-staging-db`).',
  area: 'cross',
  scope: 'resource',
  appliesTo: NAMED_TYPES,
  check: namesUniquePerStage,
};
