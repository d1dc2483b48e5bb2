import type { CheckResult, InventoryResource } from '../../types';
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
