/**
 * The environment config: one YAML file, validated here before anything is
 * synthesized. Whatever this schema accepts, the stacks can build securely;
 * what it refuses (a non-EU region, a 7-day retention, an admin CIDR open to
 * the world, a plain-http webhook) never reaches Terraform.
 *
 * Network ranges and URLs follow one rule each (cidr.ts, url.ts), shared with
 * the constructs that write them.
 */
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import {
  DEFAULT_NONCURRENT_VERSION_DAYS,
  MAX_BACKUP_RETENTION_DAYS,
  MAX_COPY_LIFETIME_DAYS,
  MIN_BACKUP_RETENTION_DAYS,
  OFFBOARDING_DAYS,
} from '../data/retention';
import { DIGITALOCEAN_EU_REGIONS } from '../data/regions';
import { RATE_LIMIT_PERIODS } from '../data/cloudflare';
import { PROD_MIN_NODES } from '../data/digitalocean';
import { type Cidr, listWorldWideProblem, namedNetworkProblem, overlaps, parseCanonicalCidr } from './cidr';
import { ismsSchema } from './isms';
import { httpsUrlProblem } from './url';

/**
 * DigitalOcean regions inside the EU (data/regions.ts). `lon1` is London (UK,
 * not EU) and every other region is outside Europe; they cannot be expressed.
 */
export const EU_REGIONS = DIGITALOCEAN_EU_REGIONS;
export type EuRegion = (typeof EU_REGIONS)[number];

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Retention bounds (14 and 196 days): facts in data/retention.ts, shared with the backup runner. */
export { MAX_BACKUP_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS };

/** Cloudflare accepts only these rate-limit periods (seconds): data/cloudflare.ts. */
export { RATE_LIMIT_PERIODS };

const SLUG = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const region = z.enum(EU_REGIONS, {
  error: () => `must be an EU DigitalOcean region: one of ${EU_REGIONS.join(', ')} (lon1 is the UK, not the EU)`,
});

const slug = z.string().regex(SLUG, 'must be lower-case letters, digits and hyphens, 2-32 characters, starting with a letter');
const hostname = z.string().regex(HOSTNAME, 'must be a lower-case DNS name such as app.example.eu');

/** The one URL rule (config/url.ts), shared with the constructs that write the URL. */
const httpsUrl = z.string().superRefine((v, ctx) => {
  const problem = httpsUrlProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', input: v, message: problem });
});

/** A canonical CIDR (config/cidr.ts). */
const cidr = z.string().superRefine((v, ctx) => {
  const parsed = parseCanonicalCidr(v);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', input: v, message: parsed.problem });
});

/** The range a string names, when it is a canonical CIDR. */
const cidrOf = (v: string): Cidr | undefined => {
  const parsed = parseCanonicalCidr(v);
  return 'problem' in parsed ? undefined : parsed;
};

/**
 * Ranges that must not reach the whole internet in any spelling (0.0.0.0/0,
 * ::/0, ::ffff:0:0/96, 6to4, split halves …): admin access, the egress allow-list.
 */
const namedNetworks = (advice: string) =>
  z.array(z.string()).superRefine((list, ctx) => {
    const ranges = list.map((v, i) => {
      const problem = namedNetworkProblem(v, advice);
      if (problem) ctx.addIssue({ code: 'custom', path: [i], input: v, message: problem });
      return problem ? undefined : cidrOf(v);
    });
    if (ranges.some((r) => r === undefined)) return;
    const problem = listWorldWideProblem(ranges as Cidr[], advice);
    if (problem) ctx.addIssue({ code: 'custom', input: list, message: problem });
  });

/** Admin access must name real networks: the office or VPN ranges. */
const adminCidrs = namedNetworks('list the office or VPN ranges that may administer the platform').min(1, 'must list at least one admin network');

/** DigitalOcean VPC ranges: private (RFC 1918), between /16 and /24. */
const vpcCidr = cidr.refine(
  (v) => {
    const range = cidrOf(v);
    if (!range) return true; // already reported as not canonical
    return range.addr.kind() === 'ipv4' && range.addr.range() === 'private' && range.bits >= 16 && range.bits <= 24;
  },
  { error: 'must be a private IPv4 range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) between /16 and /24' },
);

const cron = z.string().refine(
  (v) => {
    try {
      CronExpressionParser.parse(v);
      return v.trim().split(/\s+/).length === 5;
    } catch {
      return false;
    }
  },
  { error: 'must be a five-field cron expression such as "0 2 * * *"' },
);

const kubernetes = z.strictObject({
  /** DOKS version prefix or slug, e.g. "1.33" or "1.33.1-do.0". */
  version: z.string().regex(/^1\.\d{2}(\.\d+-do\.\d+)?$/, 'must be a DOKS version such as "1.33" or "1.33.1-do.0"'),
  nodeSize: z.string().regex(/^[a-z0-9-]+$/, 'must be a DigitalOcean size slug such as s-2vcpu-4gb'),
  minNodes: z.int().min(1).max(100),
  maxNodes: z.int().min(1).max(100),
  maintenance: z
    .strictObject({
      day: z.enum([...WEEKDAYS, 'any']).default('sunday'),
      startTime: z.string().regex(HH_MM, 'must be HH:MM in UTC').default('03:00'),
    })
    .prefault({}),
});

const database = z.strictObject({
  engine: z.literal('pg', { error: 'must be "pg" (managed PostgreSQL is the only engine the kit backs up and restore-tests)' }),
  version: z.string().regex(/^1[4-9]$/, 'must be a supported PostgreSQL major version such as "16" or "17"'),
  size: z.string().regex(/^db-[a-z0-9-]+$/, 'must be a DigitalOcean database size slug such as db-s-2vcpu-4gb'),
  nodes: z.int().min(1).max(3),
  /** A read replica in `secondaryRegion`; defaults to on in prod. */
  readReplica: z.boolean().optional(),
  maintenance: z
    .strictObject({
      day: z.enum(WEEKDAYS).default('sunday'),
      hour: z.string().regex(HH_MM, 'must be HH:MM in UTC').default('02:00'),
    })
    .prefault({}),
});

const bucket = z
  .strictObject({
    /** Short name; the Spaces bucket is named `<project>-<env>-<name>`. */
    name: slug,
    /** Delete objects this many days after creation (logs, exports). Omit for live customer data. */
    expireAfterDays: z.int().min(1).max(MAX_COPY_LIFETIME_DAYS).optional(),
    /** Delete overwritten/deleted object versions after this many days, so no copy outlives the deletion promise. */
    noncurrentVersionExpireDays: z.int().min(1).max(MAX_COPY_LIFETIME_DAYS - OFFBOARDING_DAYS).default(DEFAULT_NONCURRENT_VERSION_DAYS),
  })
  .superRefine((b, ctx) => {
    // The same sum TOM-DEL-01 audits: a copy lives until the object expires (or the offboarding
    // period ends) plus the noncurrent days, and must be gone within the deletion promise (M18).
    const before = b.expireAfterDays ?? OFFBOARDING_DAYS;
    if (before + b.noncurrentVersionExpireDays > MAX_COPY_LIFETIME_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['noncurrentVersionExpireDays'],
        input: b.noncurrentVersionExpireDays,
        message: `${b.expireAfterDays === undefined ? `${OFFBOARDING_DAYS} offboarding days` : `expireAfterDays ${before}`} + noncurrentVersionExpireDays ${b.noncurrentVersionExpireDays} = ${before + b.noncurrentVersionExpireDays}; a copy may live at most ${MAX_COPY_LIFETIME_DAYS} days (the deletion promise)`,
      });
    }
  });

const network = z.strictObject({
  /** VPC range in `region`. Must not overlap any other environment's ranges. */
  vpcCidr: vpcCidr,
  /** VPC range in `secondaryRegion`, used by the database read replica. */
  secondaryVpcCidr: vpcCidr.optional(),
  /** Networks allowed to reach the Kubernetes API and SSH. */
  adminCidrs,
});

const backup = z.strictObject({
  retentionDays: z
    .int()
    .min(MIN_BACKUP_RETENTION_DAYS, `must be at least ${MIN_BACKUP_RETENTION_DAYS} days (the published backup promise)`)
    // Object Lock plus noncurrent expiry can keep a version up to 2 × (retention + 1) days; the
    // deletion promise (M18) allows at most 30 + 365, so 196 is the longest retention that keeps it.
    .max(MAX_BACKUP_RETENTION_DAYS, `must be at most ${MAX_BACKUP_RETENTION_DAYS} days (longer retention would keep backup copies past the ${MAX_COPY_LIFETIME_DAYS}-day deletion promise)`)
    .default(MIN_BACKUP_RETENTION_DAYS),
  schedule: cron.default('0 2 * * *'),
  restoreDrillSchedule: cron.default('0 4 * * 0'),
  /**
   * age public keys every backup is encrypted to: the offline recovery key
   * (its private half never enters the cluster) and the restore-drill key.
   */
  ageRecipients: z.array(z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'must be an age public key (age1 followed by 58 bech32 characters)')).min(1, 'must list at least one age recipient'),
  /** Runner image (`Dockerfile.backup`), pinned by tag or digest. */
  image: z.string().regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$/, 'must be a pinned image reference such as registry.digitalocean.com/acme/tom-backup:1.0.0 (no "latest", no bare name)').refine((v) => !v.endsWith(':latest'), { error: 'must pin a version, not :latest' }),
});

const alerting = z
  .strictObject({
    /** Generic webhook every alert source posts to (falcosidekick, host IDS, job failures). */
    webhookUrl: httpsUrl,
    emails: z.array(z.email({ error: 'must be an e-mail address' })).min(1, 'must list at least one e-mail address'),
    /**
     * Slack channel for alerts. The webhook URL is a secret, so it never sits
     * here: it reaches Terraform as the sensitive variable `alert_slack_webhook_url`
     * (TF_VAR_alert_slack_webhook_url at deploy time).
     */
    slack: z.strictObject({ channel: z.string().regex(/^#[a-z0-9_-]+$/, 'must be a channel such as #ops-alerts') }).optional(),
    /** Also alert a Microsoft Teams channel; its URL comes from the sensitive variable `alert_teams_webhook_url`. */
    teams: z.boolean().default(false),
  });

const edge = z.strictObject({
  /** Cloudflare zone id (32 hex characters) of `domain`. */
  zoneId: z.string().regex(/^[0-9a-f]{32}$/, 'must be a Cloudflare zone id: 32 lower-case hex characters'),
  /** Public hostnames served through Cloudflare, each inside `domain`. */
  hostnames: z.array(hostname).min(1, 'must list at least one public hostname'),
  minTlsVersion: z.enum(['1.2', '1.3'], { error: 'must be "1.2" or "1.3" (older TLS versions are refused)' }).default('1.2'),
  hsts: z
    .strictObject({
      maxAgeSeconds: z.int().min(15552000, 'must be at least 15552000 (six months)').default(31536000),
      preload: z.boolean().default(false),
    })
    .prefault({}),
  /** Keep TLS termination and inspection in the EU (Cloudflare Data Localization Suite). */
  euRegionalHostnames: z.boolean().default(true),
  rateLimit: z
    .strictObject({
      paths: z.array(z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, 'must be a URL path such as /login')).min(1).default(['/login', '/api/auth']),
      requestsPerPeriod: z.int().min(1).max(10000).default(10),
      periodSeconds: z
        .union(RATE_LIMIT_PERIODS.map((p) => z.literal(p)), { error: `must be one of ${RATE_LIMIT_PERIODS.join(', ')} seconds` })
        .default(60),
      mitigationTimeoutSeconds: z.int().min(60).max(86400).default(600),
    })
    .prefault({}),
  blockedCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as RU')).default([]),
  blockedPaths: z.array(z.string().regex(/^\/[A-Za-z0-9/_.*-]*$/, 'must be a URL path such as /wp-admin')).default([]),
  /**
   * NodePort of the ingress controller's HTTPS listener on every worker node.
   * The origin load balancer passes TLS through to it, so the ingress
   * terminates TLS and can require Cloudflare's origin-pull client certificate.
   */
  originNodePort: z.int().min(30000, 'must be a Kubernetes NodePort between 30000 and 32767').max(32767, 'must be a Kubernetes NodePort between 30000 and 32767').default(30443),
  /** Name (in storage.buckets) of the EU bucket Cloudflare Logpush writes HTTP request and firewall logs to. */
  logBucket: slug.default('logs'),
});

const admin = z.strictObject({
  /** Personal account name on hosts (one person, one account). */
  name: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be a Unix user name such as alice'),
  /** The person's SSH public key (not secret); passwords are never used. */
  sshPublicKey: z
    .string()
    .regex(/^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|ssh-rsa) [A-Za-z0-9+/=]{40,}( \S+)?$/, 'must be an OpenSSH public key line such as "ssh-ed25519 AAAA... alice@laptop"'),
});

const access = z.strictObject({
  /** Named administrators; each gets a personal account on the bastion. */
  admins: z.array(admin).min(1, 'must name at least one administrator'),
});

const bastion = z.strictObject({
  size: z.string().regex(/^[a-z0-9-]+$/, 'must be a DigitalOcean size slug such as s-1vcpu-1gb').default('s-1vcpu-1gb'),
  image: z.string().regex(/^(debian|ubuntu)-[0-9a-z-]+$/, 'must be a Debian or Ubuntu image slug such as debian-12-x64 (the host-IDS bootstrap uses apt)').default('debian-12-x64'),
});

const ids = z.strictObject({
  /**
   * Networks containers may connect to besides the VPC; Falco alerts on any
   * other outbound destination (non-EU transfers). Empty: alert on every
   * connection leaving the VPC that is not on port 53/123/443. A world-wide
   * range here would silence that alert, so it is refused like an admin /0.
   */
  egressAllowCidrs: namedNetworks('list the partner networks containers may reach (a world-wide range would silence the outbound-connection alert)').default([]),
});

export const environmentSchema = z
  .strictObject({
    name: slug,
    stage: z.enum(STAGES, { error: `must be one of ${STAGES.join(', ')}` }),
    region,
    secondaryRegion: region,
    domain: hostname,
    network,
    kubernetes,
    database,
    storage: z.strictObject({ buckets: z.array(bucket).min(1) }),
    backup,
    alerting,
    access,
    bastion: bastion.prefault({}),
    ids: ids.prefault({}),
    edge: edge.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.secondaryRegion === env.region) {
      ctx.addIssue({ code: 'custom', path: ['secondaryRegion'], input: env.secondaryRegion, message: `must differ from region "${env.region}" (geo-redundancy needs a second EU region)` });
    }
    if (env.kubernetes.maxNodes < env.kubernetes.minNodes) {
      ctx.addIssue({ code: 'custom', path: ['kubernetes', 'maxNodes'], input: env.kubernetes.maxNodes, message: `must be at least minNodes (${env.kubernetes.minNodes})` });
    }
    if (env.stage === 'prod') {
      if (env.kubernetes.minNodes < PROD_MIN_NODES) {
        ctx.addIssue({ code: 'custom', path: ['kubernetes', 'minNodes'], input: env.kubernetes.minNodes, message: `must be at least ${PROD_MIN_NODES} in prod (a node failure must not take the service down)` });
      }
      if (env.database.nodes < 2) {
        ctx.addIssue({ code: 'custom', path: ['database', 'nodes'], input: env.database.nodes, message: 'must be at least 2 in prod (a standby node gives automatic failover)' });
      }
    }
    if (withReplica(env) && !env.network.secondaryVpcCidr) {
      ctx.addIssue({ code: 'custom', path: ['network', 'secondaryVpcCidr'], input: undefined, message: `is required when the database has a read replica in ${env.secondaryRegion}` });
    }
    env.edge?.hostnames.forEach((h, i) => {
      if (h !== env.domain && !h.endsWith(`.${env.domain}`)) {
        ctx.addIssue({ code: 'custom', path: ['edge', 'hostnames', i], input: h, message: `must be "${env.domain}" or a name below it` });
      }
    });
    const admins = env.access.admins.map((a) => a.name);
    admins.forEach((n, i) => {
      if (admins.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['access', 'admins', i, 'name'], input: n, message: 'must be unique: one person, one account' });
    });
    const names = env.storage.buckets.map((b) => b.name);
    if (env.edge && !names.includes(env.edge.logBucket)) {
      ctx.addIssue({ code: 'custom', path: ['edge', 'logBucket'], input: env.edge.logBucket, message: `must name one of storage.buckets (${names.join(', ')}): Logpush writes the edge logs there` });
    }
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['storage', 'buckets', i, 'name'], input: n, message: 'must be unique within the environment' });
    });
  });

export const configSchema = z
  .strictObject({
    /** Prefix of every resource name, e.g. "acme". */
    project: slug,
    /** Where Terraform keeps state: Spaces (s3-compatible) in fra1, or a local file. */
    state: z
      .strictObject({
        backend: z.enum(['s3', 'local']).default('s3'),
        bucket: slug.optional(),
        region: region.default('fra1'),
      })
      .prefault({}),
    environments: z.array(environmentSchema).min(1, 'must define at least one environment'),
    /** The ISMS's organisational declarations (SoA rows, exclusions, organisational TOM measures); see config/isms.ts. */
    isms: ismsSchema.optional(),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.state.backend === 's3' && !cfg.state.bucket) {
      ctx.addIssue({ code: 'custom', path: ['state', 'bucket'], input: undefined, message: 'is required when state.backend is "s3"' });
    }
    const seen = new Map<string, number>();
    cfg.environments.forEach((env, i) => {
      const first = seen.get(env.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['environments', i, 'name'], input: env.name, message: `must be unique (environments[${first}] is also "${env.name}")` });
      seen.set(env.name, i);
    });
    // Separation of environments (M14): no two VPC ranges anywhere may overlap.
    const ranges = cfg.environments.flatMap((env, i) => [
      { i, key: 'vpcCidr', cidr: env.network.vpcCidr, env: env.name },
      ...(env.network.secondaryVpcCidr ? [{ i, key: 'secondaryVpcCidr', cidr: env.network.secondaryVpcCidr, env: env.name }] : []),
    ]);
    ranges.forEach((a, ai) => {
      for (const b of ranges.slice(0, ai)) {
        if (overlap(a.cidr, b.cidr)) {
          ctx.addIssue({ code: 'custom', path: ['environments', a.i, 'network', a.key], input: a.cidr, message: `overlaps ${b.cidr} of environment "${b.env}" (environments must never share a network)` });
        }
      }
    });
  });

/** Both ranges are canonical here (the VPC fields refuse anything else), so they are read as Terraform reads them. */
function overlap(a: string, b: string): boolean {
  const ra = cidrOf(a);
  const rb = cidrOf(b);
  return ra !== undefined && rb !== undefined && overlaps(ra, rb);
}

/** A read replica is on by default in prod. */
export function withReplica(env: Pick<Environment, 'stage' | 'database'>): boolean {
  return env.database.readReplica ?? env.stage === 'prod';
}

export type KitConfig = z.output<typeof configSchema>;
export type Environment = KitConfig['environments'][number];
export type AlertingConfig = Environment['alerting'];
