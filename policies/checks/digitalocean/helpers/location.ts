/**
 * Where each DigitalOcean resource type records its location, and which types
 * get a location chosen for them when the attribute is left out.
 */
import { DIGITALOCEAN_EU_REGIONS, isDigitalOceanEuRegion } from '../../common/regions';

/** App Platform and partner attachments use region slugs without the number. */
const EU_SHORT_SLUGS: readonly string[] = ['fra', 'ams'];

export const EU_LOCATIONS_TEXT = [...DIGITALOCEAN_EU_REGIONS, ...EU_SHORT_SLUGS].join(', ');

export const isEuLocation = (v: unknown): boolean =>
  isDigitalOceanEuRegion(v) || (typeof v === 'string' && EU_SHORT_SLUGS.includes(v.toLowerCase()));

/** Attribute path of the location, per resource type (provider 2.71 schema). */
export const REGION_PATH: Readonly<Record<string, string>> = {
  digitalocean_app: 'spec.region',
  digitalocean_byoip_prefix: 'region',
  digitalocean_container_registries: 'region',
  digitalocean_container_registry: 'region',
  digitalocean_custom_image: 'regions',
  digitalocean_database_cluster: 'region',
  digitalocean_database_replica: 'region',
  digitalocean_droplet: 'region',
  digitalocean_droplet_autoscale: 'droplet_template.region',
  digitalocean_floating_ip: 'region',
  digitalocean_genai_agent: 'region',
  digitalocean_genai_knowledge_base: 'region',
  digitalocean_kubernetes_cluster: 'region',
  digitalocean_loadbalancer: 'region',
  digitalocean_nfs: 'region',
  digitalocean_nfs_attachment: 'region',
  digitalocean_nfs_snapshot: 'region',
  digitalocean_partner_attachment: 'region',
  digitalocean_reserved_ip: 'region',
  digitalocean_reserved_ipv6: 'region_slug',
  digitalocean_spaces_bucket: 'region',
  digitalocean_spaces_bucket_cors_configuration: 'region',
  digitalocean_spaces_bucket_logging: 'region',
  digitalocean_spaces_bucket_object: 'region',
  digitalocean_spaces_bucket_policy: 'region',
  digitalocean_volume: 'region',
  digitalocean_vpc: 'region',
  digitalocean_vpc_nat_gateway: 'region',
};

export const REGIONAL_TYPES: readonly string[] = Object.keys(REGION_PATH);

/**
 * Types whose region is optional and filled in by the provider or the API when
 * left out: a Spaces bucket lands in nyc3 (US), the others wherever
 * DigitalOcean chooses.
 */
export const IMPLICIT_REGION_DEFAULTS: Readonly<Record<string, string>> = {
  digitalocean_spaces_bucket: 'the provider creates the bucket in nyc3 (New York)',
  digitalocean_droplet: 'DigitalOcean picks a region itself',
  digitalocean_container_registry: 'DigitalOcean picks a region itself',
  digitalocean_container_registries: 'DigitalOcean picks a region itself',
  digitalocean_app: 'App Platform picks a region itself',
};
