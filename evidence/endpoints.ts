/**
 * The Cloudflare API v4 endpoints evidence reads, as the labels that appear in
 * messages and as the findings' `source` (so an auditor sees where each
 * observed value came from). One place, so messages, findings and the fake
 * API in the tests agree.
 */

/** The SDK's default; `--base-url` or CLOUDFLARE_BASE_URL replace it. */
export const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';

export const endpoints = {
  setting: (zoneId: string, settingId: string) => `GET /zones/${zoneId}/settings/${settingId}`,
  dnssec: (zoneId: string) => `GET /zones/${zoneId}/dnssec`,
  phase: (zoneId: string, phase: string) => `GET /zones/${zoneId}/rulesets/phases/${phase}/entrypoint`,
  dnsRecords: (zoneId: string) => `GET /zones/${zoneId}/dns_records`,
  regionalHostnames: (zoneId: string) => `GET /zones/${zoneId}/addressing/regional_hostnames`,
  originPulls: (zoneId: string) => `GET /zones/${zoneId}/origin_tls_client_auth/settings`,
} as const;
