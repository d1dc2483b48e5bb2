/**
 * Cloudflare facts the edge constructs build from and the Cloudflare checks
 * audit against, so the construct's default and the check cannot drift apart.
 */

/**
 * The managed WAF rulesets every zone executes in its
 * `http_request_firewall_managed` phase; the ids are the same in every account.
 */
export const WAF_MANAGED_RULESETS = {
  cloudflareManaged: { id: 'efb7b8c949ac4650a09736fc376e9aee', name: 'Cloudflare Managed Ruleset' },
  owaspCore: { id: '4814384a9e5d4991b9815dcfc25d2f1f', name: 'Cloudflare OWASP Core Ruleset' },
} as const;

/** The zone logs Logpush must export: who requested what (HTTP requests) and what the WAF stopped (firewall events). */
export const LOGPUSH_DATASETS = ['http_requests', 'firewall_events'] as const;

/** The rate-limit counting periods Cloudflare offers, in seconds. */
export const RATE_LIMIT_PERIODS = [10, 60, 120, 300, 600, 3600] as const;

/** Six months: the shortest HSTS max-age browsers' preload lists accept, and the least the edge may send. */
export const HSTS_MIN_MAX_AGE_SECONDS = 15_552_000;

/** The lowest TLS versions a zone may accept: 1.0 and 1.1 are deprecated (RFC 8996). */
export const MIN_TLS_VERSIONS = ['1.2', '1.3'] as const;
