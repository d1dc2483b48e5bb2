import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { attr } from '../../values';
import { isSet } from './helpers/links';
import { EU_LOCATIONS_TEXT, IMPLICIT_REGION_DEFAULTS, REGION_PATH } from './helpers/location';

/**
 * TOM-RES-02. Resources whose region is optional (Spaces bucket → nyc3,
 * Droplet, container registry, App Platform app) set it explicitly, so the
 * data location is a decision in code and not the provider's default.
 */
export function regionExplicit(resource: InventoryResource): CheckResult {
  const consequence = IMPLICIT_REGION_DEFAULTS[resource.type];
  if (!consequence) return notApplicable(`${resource.type} requires a region`);
  const path = REGION_PATH[resource.type];
  if (isSet(attr(resource.values, path))) return pass(`${path} is set explicitly`, path);
  return fail(`${path} is not set: ${consequence}; set one of ${EU_LOCATIONS_TEXT}`, path);
}

export const control: ResourceControl = {
  id: 'TOM-RES-02',
  title: 'Region set explicitly where the provider would choose one',
  severity: 'critical',
  iso27001_2022: ['A.5.23'],
  iso27001_2013: [],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M1'],
  measure: 'The data location is a written decision in code, never a provider default.',
  equivalents: [],
  rationale:
    'Spaces buckets without `region` are created in nyc3 (New York); Droplets, container registries and apps without one are placed wherever DigitalOcean chooses. A missing region therefore fails instead of passing silently.',
  remediation: 'Set `region = "fra1"` (or ams3) on every Spaces bucket, Droplet and container registry, and `spec.region = "fra"` on apps.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: ['digitalocean_spaces_bucket', 'digitalocean_droplet', 'digitalocean_container_registry', 'digitalocean_container_registries', 'digitalocean_app'],
  check: regionExplicit,
};
