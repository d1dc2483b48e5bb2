/**
 * The facts the TOM annex states about the infrastructure (regions, retention,
 * TLS floor, schedules, alert channels), read from the config and from the
 * audited inventory. Nothing here is a constant of the template: change the
 * config or the synthesized output and the sentence changes with it.
 *
 * The annex describes the environments that hold customer data: the
 * production stage, or every environment when none is marked `prod`.
 */
import type { Environment, KitConfig } from '../../../config/schema';
import { withReplica } from '../../../config/schema';
import { environmentOfStackName } from '../../../data/stack-names';
import { MAX_COPY_LIFETIME_DAYS, OFFBOARDING_DAYS } from '../../../data/retention';
import type { Inventory, InventoryResource } from '../../types';

export interface AnnexFacts {
  /** Names and stages of every environment (separation applies to all of them). */
  readonly environments: readonly { readonly name: string; readonly stage: string }[];
  /** Names of the environments this annex describes (those holding customer data). */
  readonly described: readonly string[];
  /** DigitalOcean regions of the described environments, primary first. */
  readonly primaryRegions: readonly string[];
  /** Regions holding the read replica (only environments with one). */
  readonly replicaRegions: readonly string[];
  /** AWS regions of the backup vault stacks, from the audited stacks. */
  readonly vaultRegions: readonly string[];
  /** Providers with resources in the inventory: `digitalocean`, `cloudflare`, `aws`. */
  readonly providers: readonly string[];
  /** Lowest `min_tls_version` of the Cloudflare zones in the inventory. */
  readonly minTls?: string;
  readonly hsts: boolean;
  /** Every described environment keeps TLS termination in the EU (Cloudflare regional hostnames). */
  readonly euEdge: boolean;
  readonly hostnames: readonly string[];
  readonly rateLimit?: { readonly paths: readonly string[]; readonly requests: number; readonly periodSeconds: number };
  readonly retentionDays: readonly number[];
  readonly backupSchedules: readonly string[];
  readonly drillSchedules: readonly string[];
  readonly alerting: { readonly email: boolean; readonly webhook: boolean; readonly slack: readonly string[]; readonly teams: boolean };
  readonly nodes: { readonly min: number; readonly max: number };
  readonly databaseNodes: number;
  readonly clusterMaintenance: readonly { readonly day: string; readonly time: string }[];
  readonly adminNetworks: number;
  /** Droplets (bastion hosts) exist: host IDS, fail2ban and auditd apply. */
  readonly hosts: boolean;
  readonly offboardingDays: number;
  readonly maxCopyDays: number;
}

const KNOWN_PROVIDERS = ['digitalocean', 'cloudflare', 'aws'];

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function minTlsOf(resources: readonly InventoryResource[]): string | undefined {
  const values = resources
    .filter((r) => r.type === 'cloudflare_zone_setting' && r.values.setting_id === 'min_tls_version')
    .map((r) => r.values.value)
    .filter((v): v is string => typeof v === 'string');
  return values.sort()[0];
}

function describedEnvironments(config: KitConfig): Environment[] {
  const prod = config.environments.filter((e) => e.stage === 'prod');
  return prod.length > 0 ? prod : [...config.environments];
}

/**
 * Only the described environments' stacks (`edge-prod`, `backup-vault-prod`, …)
 * speak for the annex; a stack whose name names no environment counts too.
 */
export function inScopeOf(environments: readonly string[]): (stack: string) => boolean {
  const names = new Set(environments);
  return (stack) => {
    const env = environmentOfStackName(stack);
    return env === undefined || names.has(env);
  };
}

export function annexFacts(config: KitConfig, inventory: Inventory): AnnexFacts {
  const envs = describedEnvironments(config);
  const inScope = inScopeOf(envs.map((e) => e.name));
  const resources = inventory.resources.filter((r) => inScope(r.stack));
  const edges = envs.flatMap((e) => (e.edge ? [e.edge] : []));
  const rate = edges[0]?.rateLimit;
  const providerOf = (p: string) => (p === 'aws' || p.startsWith('AWS') ? 'aws' : p);
  const present = new Set(resources.map((r) => (r.type.startsWith('AWS::') ? 'aws' : providerOf(r.provider))));
  return {
    environments: config.environments.map((e) => ({ name: e.name, stage: e.stage })),
    described: envs.map((e) => e.name),
    primaryRegions: unique(envs.map((e) => e.region)),
    replicaRegions: unique(envs.filter(withReplica).map((e) => e.secondaryRegion)),
    vaultRegions: unique(inventory.stacks.filter((s) => s.format === 'cloudformation' && s.region && inScope(s.name)).map((s) => s.region!)).sort(),
    providers: KNOWN_PROVIDERS.filter((p) => present.has(p)),
    minTls: minTlsOf(resources),
    hsts: edges.length > 0,
    euEdge: edges.length > 0 && edges.every((e) => e.euRegionalHostnames),
    hostnames: edges.flatMap((e) => e.hostnames),
    rateLimit: rate && { paths: unique(edges.flatMap((e) => e.rateLimit.paths)), requests: Math.max(...edges.map((e) => e.rateLimit.requestsPerPeriod)), periodSeconds: rate.periodSeconds },
    retentionDays: unique(envs.map((e) => e.backup.retentionDays)).sort((a, b) => a - b),
    backupSchedules: unique(envs.map((e) => e.backup.schedule)),
    drillSchedules: unique(envs.map((e) => e.backup.restoreDrillSchedule)),
    alerting: {
      email: envs.every((e) => e.alerting.emails.length > 0),
      webhook: envs.every((e) => Boolean(e.alerting.webhookUrl)),
      slack: unique(envs.flatMap((e) => (e.alerting.slack ? [e.alerting.slack.channel] : []))),
      teams: envs.some((e) => e.alerting.teams),
    },
    nodes: { min: Math.min(...envs.map((e) => e.kubernetes.minNodes)), max: Math.max(...envs.map((e) => e.kubernetes.maxNodes)) },
    databaseNodes: Math.min(...envs.map((e) => e.database.nodes)),
    clusterMaintenance: unique(envs.map((e) => `${e.kubernetes.maintenance.day} ${e.kubernetes.maintenance.startTime}`)).map((s) => {
      const [day, time] = s.split(' ');
      return { day, time };
    }),
    adminNetworks: unique(envs.flatMap((e) => e.network.adminCidrs)).length,
    hosts: resources.some((r) => r.type === 'digitalocean_droplet'),
    offboardingDays: OFFBOARDING_DAYS,
    maxCopyDays: MAX_COPY_LIFETIME_DAYS,
  };
}
