/**
 * A live zone that matches a declaration, in the shapes the real API returns:
 * with the fields Cloudflare adds and the stack never declares (rule ids and
 * versions, `version: "latest"` on execute rules, record ids and contents, an
 * ACME TXT record nobody declared), so a clean comparison proves those extras
 * are not mistaken for drift.
 */
import type { DeclaredZone } from '../../evidence/declared';
import type { FakeZone } from './fake-cloudflare';

export function liveZoneOf(zone: DeclaredZone): FakeZone {
  const rulesets: FakeZone['rulesets'] = {};
  for (const r of zone.rulesets) {
    rulesets[r.phase] = r.rules.map((rule, i) => ({
      id: `${r.phase}-rule-${i}`,
      version: '1',
      last_updated: '2025-01-01T00:00:00Z',
      ref: `${r.phase}-rule-${i}`,
      ...rule,
      ...(rule.action === 'execute' ? { action_parameters: { ...rule.action_parameters, version: 'latest' } } : {}),
      ...(rule.ratelimit ? { ratelimit: { ...rule.ratelimit, requests_to_origin: false } } : {}),
    }));
  }
  return {
    zoneId: zone.zoneId,
    settings: Object.fromEntries(zone.settings.map((s) => [s.settingId, structuredClone(s.value)])),
    dnssecStatus: zone.dnssec?.status ?? 'disabled',
    rulesets,
    dnsRecords: [
      ...zone.records.map((r, i) => ({ id: `rec-${i}`, name: r.name, type: r.type, content: '203.0.113.10', proxied: r.proxied, proxiable: true, ttl: 1 })),
      { id: 'rec-acme', name: `_acme-challenge.${zone.records[0]?.name ?? 'example.eu'}`, type: 'TXT', content: 'token', proxiable: false, ttl: 120 },
    ],
    regionalHostnames: zone.regionalHostnames.map((h) => ({ hostname: h.hostname, region_key: h.regionKey, routing: 'dns', created_on: '2025-01-01T00:00:00Z' })),
    originPullsEnabled: zone.originPulls?.enabled ?? false,
  };
}
