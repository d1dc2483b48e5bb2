/**
 * Regions inside the European Union. `lon1` / `eu-west-2` (UK) and
 * `eu-central-2` (Zurich) are in Europe but not in the EU, so they are absent.
 */
export const DIGITALOCEAN_EU_REGIONS: readonly string[] = ['fra1', 'ams3', 'ams2'];
export const AWS_EU_REGIONS: readonly string[] = ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2'];

export const isDigitalOceanEuRegion = (region: unknown): boolean =>
  typeof region === 'string' && DIGITALOCEAN_EU_REGIONS.includes(region.toLowerCase());
export const isAwsEuRegion = (region: unknown): boolean => typeof region === 'string' && AWS_EU_REGIONS.includes(region);
