import { Ruleset, type RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { Construct } from 'constructs';
import { RATE_LIMIT_PERIODS, WAF_MANAGED_RULESETS } from '../data/cloudflare';
import { assertZoneId } from './cloudflare-zone-id';

/** Managed rulesets every zone executes (data/cloudflare.ts); the ids are the same in every Cloudflare account. */
export const MANAGED_RULESETS = {
  cloudflareManaged: WAF_MANAGED_RULESETS.cloudflareManaged.id,
  owaspCore: WAF_MANAGED_RULESETS.owaspCore.id,
} as const;

export type RateLimitPeriod = (typeof RATE_LIMIT_PERIODS)[number];

export interface RateLimitProps {
  /**
   * Login and API authentication paths to protect against brute force; a
   * request to the path or anything below it counts.
   * @default ['/login', '/api/auth']
   */
  readonly paths?: readonly string[];
  /** Requests one client (IP address per data centre) may make per period. @default 10 */
  readonly requestsPerPeriod?: number;
  /** Counting window, in seconds (Cloudflare offers 10, 60, 120, 300, 600, 3600). @default 60 */
  readonly periodSeconds?: RateLimitPeriod;
  /** How long a client that went over the limit stays blocked, in seconds. @default 600 */
  readonly mitigationTimeoutSeconds?: number;
}

export interface WafZoneProps {
  /** Cloudflare zone id of the domain. */
  readonly zoneId: string;
  /** Name prefix of the rulesets, e.g. `acme-prod`. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 codes (`RU`) whose visitors are blocked. @default none */
  readonly blockedCountries?: readonly string[];
  /**
   * URL paths that are blocked for everyone (`/wp-admin`, `/.env`), compared
   * case-insensitively; a path blocks everything below it, and `*` matches
   * any characters.
   * @default none
   */
  readonly blockedPaths?: readonly string[];
  /** Brute-force protection of the login and authentication paths. */
  readonly rateLimit?: RateLimitProps;
}

const COUNTRY = /^[A-Z]{2}$/;
const PATH = /^\/[A-Za-z0-9/_.-]*$/;
const PATH_PATTERN = /^\/[A-Za-z0-9/_.*-]*$/;

/**
 * Rules-language condition "the request path is P or below it". Paths are
 * validated to hold no quotes or backslashes before they get here, so they
 * are safe inside a string literal.
 */
function pathCondition(path: string, caseInsensitive: boolean): string {
  if (path.includes('*')) return `http.request.uri.path wildcard "${path}"`;
  return caseInsensitive ? `starts_with(lower(http.request.uri.path), "${path.toLowerCase()}")` : `starts_with(http.request.uri.path, "${path}")`;
}

const anyOf = (conditions: string[]): string => (conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(' or '));

/**
 * The zone's web application firewall, as three entry-point rulesets:
 * - `http_request_firewall_managed`: executes the Cloudflare Managed Ruleset
 *   and the Cloudflare OWASP Core Ruleset on all traffic (no opt-out);
 * - `http_request_firewall_custom`: blocks the configured countries and paths;
 *   created even when empty, so Terraform owns the phase and a rule added by
 *   hand in the dashboard shows up as drift;
 * - `http_ratelimit`: blocks a client that hammers a login/auth path.
 */
export class WafZone extends Construct {
  readonly managed: Ruleset;
  readonly custom: Ruleset;
  readonly rateLimit: Ruleset;

  constructor(scope: Construct, id: string, props: WafZoneProps) {
    super(scope, id);
    const where = `WafZone ${id}`;
    assertZoneId(props.zoneId, where);
    const countries = props.blockedCountries ?? [];
    countries.forEach((c, i) => {
      if (!COUNTRY.test(c)) throw new Error(`${where}: blockedCountries[${i}] "${c}" is not an ISO 3166-1 alpha-2 country code such as RU`);
    });
    const blockedPaths = props.blockedPaths ?? [];
    blockedPaths.forEach((p, i) => {
      if (!PATH_PATTERN.test(p)) throw new Error(`${where}: blockedPaths[${i}] "${p}" is not a URL path such as /wp-admin (letters, digits, / _ . - and * only)`);
    });
    const limit = {
      paths: props.rateLimit?.paths ?? ['/login', '/api/auth'],
      requestsPerPeriod: props.rateLimit?.requestsPerPeriod ?? 10,
      periodSeconds: props.rateLimit?.periodSeconds ?? 60,
      mitigationTimeoutSeconds: props.rateLimit?.mitigationTimeoutSeconds ?? 600,
    };
    if (limit.paths.length === 0) throw new Error(`${where}: rateLimit.paths is empty; list the login and API authentication paths, e.g. /login`);
    limit.paths.forEach((p, i) => {
      if (!PATH.test(p)) throw new Error(`${where}: rateLimit.paths[${i}] "${p}" is not a URL path such as /login (letters, digits, / _ . - only)`);
    });
    if (!Number.isInteger(limit.requestsPerPeriod) || limit.requestsPerPeriod < 1) {
      throw new Error(`${where}: rateLimit.requestsPerPeriod ${limit.requestsPerPeriod} must be a whole number of at least 1`);
    }
    if (!RATE_LIMIT_PERIODS.includes(limit.periodSeconds)) {
      throw new Error(`${where}: rateLimit.periodSeconds ${limit.periodSeconds} is not offered by Cloudflare; use one of ${RATE_LIMIT_PERIODS.join(', ')}`);
    }
    if (!Number.isInteger(limit.mitigationTimeoutSeconds) || limit.mitigationTimeoutSeconds < 1) {
      throw new Error(`${where}: rateLimit.mitigationTimeoutSeconds ${limit.mitigationTimeoutSeconds} must be a whole number of seconds, at least 1`);
    }

    const ruleset = (rulesetId: string, phase: string, description: string, rules: RulesetRules[]): Ruleset =>
      new Ruleset(this, rulesetId, { zoneId: props.zoneId, kind: 'zone', phase, name: `${props.name} ${description}`, description, rules });

    this.managed = ruleset('managed', 'http_request_firewall_managed', 'managed WAF rules', [
      ...Object.values(WAF_MANAGED_RULESETS).map(({ id, name }) => ({ action: 'execute', expression: 'true', enabled: true, description: name, actionParameters: { id } })),
    ]);

    const customRules: RulesetRules[] = [];
    if (countries.length > 0) {
      customRules.push({ action: 'block', enabled: true, description: 'blocked countries', expression: `ip.src.country in {${countries.map((c) => `"${c}"`).join(' ')}}` });
    }
    if (blockedPaths.length > 0) {
      customRules.push({ action: 'block', enabled: true, description: 'blocked paths', expression: anyOf(blockedPaths.map((p) => pathCondition(p, true))) });
    }
    this.custom = ruleset('custom', 'http_request_firewall_custom', 'custom WAF rules', customRules);

    this.rateLimit = ruleset('rate-limit', 'http_ratelimit', 'brute-force rate limit', [
      {
        action: 'block',
        enabled: true,
        description: `rate limit ${limit.paths.join(', ')}`,
        // The raw path, as written: the fields and functions a rate-limit expression may use
        // depend on the Cloudflare plan, so the rule stays minimal. Serve auth routes case-sensitively.
        expression: anyOf(limit.paths.map((p) => pathCondition(p, false))),
        ratelimit: {
          // Zone rate-limit counters are kept per data centre, so cf.colo.id is required.
          characteristics: ['cf.colo.id', 'ip.src'],
          period: limit.periodSeconds,
          requestsPerPeriod: limit.requestsPerPeriod,
          mitigationTimeout: limit.mitigationTimeoutSeconds,
        },
      },
    ]);
  }
}
