import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { strings } from '../../values';
import { isSet, resolved, resolvedAttr } from './helpers/links';
import { EU_LOCATIONS_TEXT, IMPLICIT_REGION_DEFAULTS, REGION_PATH, isEuLocation, REGIONAL_TYPES } from './helpers/location';

/** A replica without `region` is created in its primary's region: judge that one. */
function replicaRegion(replica: InventoryResource, index: InventoryIndex): CheckResult {
  const primary = index.referencedBy(replica, 'digitalocean_database_cluster')[0];
  const region = primary ? resolvedAttr(primary, 'region', index) : undefined;
  if (!primary || !isSet(region)) return notApplicable('region not set and the primary cluster is not in the inventory');
  return isEuLocation(region)
    ? pass(`region not set: inherits ${String(region)} from ${primary.address}`, 'region')
    : fail(`region not set: inherits "${String(region)}" from ${primary.address}, which is not an EU region (allowed: ${EU_LOCATIONS_TEXT})`, 'region');
}

/**
 * TOM-RES-01. Every DigitalOcean resource that has a location has it in the
 * EU (fra1, ams3, ams2; `fra`/`ams` for App Platform). A required region that
 * is missing fails; for types where the provider picks a region itself, a
 * missing region is TOM-RES-02's finding, not this one's.
 */
export function regionInEu(resource: InventoryResource, index: InventoryIndex): CheckResult {
  const path = REGION_PATH[resource.type];
  if (!path) return notApplicable(`${resource.type} has no region`);
  const value = resolvedAttr(resource, path, index);
  if (!isSet(value)) {
    if (resource.type === 'digitalocean_database_replica') return replicaRegion(resource, index);
    if (IMPLICIT_REGION_DEFAULTS[resource.type]) return notApplicable(`${path} not set: reported by TOM-RES-02`);
    return fail(`${path} is not set, so the location cannot be shown to be in the EU (allowed: ${EU_LOCATIONS_TEXT})`, path);
  }
  const regions = Array.isArray(value) ? strings(value).map((r) => resolved(r, resource, index)) : [value];
  for (const [i, region] of regions.entries()) {
    if (isEuLocation(region)) continue;
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    return fail(`${at} "${String(region)}" is not an EU region (allowed: ${EU_LOCATIONS_TEXT})`, at);
  }
  return pass(`${path} ${regions.map(String).join(', ')} is in the EU`, path);
}

export const control: ResourceControl = {
  id: 'TOM-RES-01',
  title: 'DigitalOcean resources only in EU regions',
  severity: 'critical',
  iso27001_2022: ['A.5.23', 'A.5.34'],
  iso27001_2013: ['A.18.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M1'],
  measure: 'Customer data is stored and processed only in data centres inside the EU.',
  equivalents: [],
  rationale:
    'The TOM annex promises EU data location. Every DigitalOcean resource with a location (Droplets, Spaces, DOKS, databases and their replicas, load balancers, VPCs, registries, volumes, App Platform) must sit in fra1, ams3 or ams2; lon1 is in Europe but not in the EU.',
  remediation: 'Set `region` (for apps `spec.region`) to fra1 or ams3; for a replica, a second EU region.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: REGIONAL_TYPES,
  check: regionInEu,
};
