/** Values that the catalogue entries of several DigitalOcean controls share (resource types in `appliesTo`, provider documents). */

export const DB = 'digitalocean_database_cluster';
export const REPLICA = 'digitalocean_database_replica';
export const DOKS = 'digitalocean_kubernetes_cluster';
export const NODE_POOL = 'digitalocean_kubernetes_node_pool';
export const DROPLET = 'digitalocean_droplet';
export const BUCKET = 'digitalocean_spaces_bucket';
export const FIREWALL = 'digitalocean_firewall';
export const LB = 'digitalocean_loadbalancer';
export const VOLUME = 'digitalocean_volume';

/** DigitalOcean's shared-responsibility page for managed databases (PostgreSQL edition; the same table covers every engine). */
export const DO_DB_RESPONSIBILITY = 'DigitalOcean Docs, Managed Databases › PostgreSQL › Shared Responsibility Model, https://docs.digitalocean.com/products/databases/postgresql/concepts/responsibility-model/';
