/** Predicates over the EU region lists in data/regions.ts. */
import { AWS_EU_REGIONS, DIGITALOCEAN_EU_REGIONS } from '../../../data/regions';

export { AWS_EU_REGIONS, DIGITALOCEAN_EU_REGIONS };

const DIGITALOCEAN: readonly string[] = DIGITALOCEAN_EU_REGIONS;
const AWS: readonly string[] = AWS_EU_REGIONS;

export const isDigitalOceanEuRegion = (region: unknown): boolean => typeof region === 'string' && DIGITALOCEAN.includes(region.toLowerCase());
export const isAwsEuRegion = (region: unknown): boolean => typeof region === 'string' && AWS.includes(region);
