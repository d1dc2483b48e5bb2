/**
 * Resource names and tags shared by every construct, so an auditor can tell
 * from any resource which project and environment it belongs to.
 */

/** `acme-prod-uploads` */
export function resourceName(...parts: string[]): string {
  return parts.filter(Boolean).join('-');
}

/** DigitalOcean tags allow letters, digits, `:`, `-` and `_`. */
export function tag(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9:_-]/g, '-');
}

/**
 * The environment's DOKS cluster. The platform stack creates it under this
 * name; the workloads stack reads it back by the same name (a data source).
 */
export function clusterName(project: string, env: string): string {
  return resourceName(project, env);
}

/** The environment's managed PostgreSQL cluster: created by the platform stack, read by name by the workloads stack. */
export function databaseClusterName(project: string, env: string): string {
  return resourceName(project, env, 'pg');
}

/** The off-site vault bucket of an environment; both the vault stack and the backup jobs use it. */
export function vaultBucketName(project: string, env: string): string {
  return resourceName(project, env, 'backup-vault');
}

/** Key prefix the vault writer may use and the runner writes under. */
export const VAULT_WRITER_PREFIX = 'backups';

/** The only region the off-site vault may live in (Frankfurt, EU); the vault stack and the backup jobs both use it. */
export const VAULT_REGION = 'eu-central-1';
