/**
 * The pure comparison on small hand-written sides: which differences count as
 * drift, which API extras do not, and how each finding reads.
 */
import { compareZone, differences } from '../../evidence/compare';
import type { DeclaredZone } from '../../evidence/declared';
import type { ObservedZone } from '../../evidence/observed';

const ZONE = '0123456789abcdef0123456789abcdef';
const MANAGED = 'efb7b8c949ac4650a09736fc376e9aee';
const HSTS = { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true } };

const declared: DeclaredZone = {
  zoneId: ZONE,
  stack: 'edge-test',
  settings: [
    { address: 'cloudflare_zone_setting.ssl', settingId: 'ssl', value: 'strict' },
    { address: 'cloudflare_zone_setting.hsts', settingId: 'security_header', value: HSTS },
    { address: 'cloudflare_zone_setting.brotli', settingId: 'brotli', value: 'on' },
  ],
  dnssec: { address: 'cloudflare_zone_dnssec.dnssec', status: 'active' },
  rulesets: [
    {
      address: 'cloudflare_ruleset.managed',
      phase: 'http_request_firewall_managed',
      rules: [{ action: 'execute', expression: 'true', enabled: true, description: 'Cloudflare Managed Ruleset', action_parameters: { id: MANAGED } }],
    },
    {
      address: 'cloudflare_ruleset.rate',
      phase: 'http_ratelimit',
      rules: [
        {
          action: 'block',
          expression: 'starts_with(http.request.uri.path, "/login")',
          enabled: true,
          description: 'rate limit /login',
          ratelimit: { characteristics: ['cf.colo.id', 'ip.src'], period: 60, requests_per_period: 10, mitigation_timeout: 600 },
        },
      ],
    },
    { address: 'cloudflare_ruleset.custom', phase: 'http_request_firewall_custom', rules: [] },
  ],
  records: [{ address: 'cloudflare_dns_record.app', name: 'app.example.eu', type: 'A', proxied: true }],
  regionalHostnames: [{ address: 'cloudflare_regional_hostname.app', hostname: 'app.example.eu', regionKey: 'eu' }],
  originPulls: { address: 'cloudflare_authenticated_origin_pulls_settings.aop', enabled: true },
};

/** The live zone as declared, with the extras the API adds. */
function live(): ObservedZone {
  return {
    zoneId: ZONE,
    settings: new Map<string, unknown>([
      ['ssl', 'strict'],
      ['security_header', structuredClone(HSTS)],
      ['brotli', 'on'],
    ]),
    dnssecStatus: 'active',
    rulesets: new Map([
      [
        'http_request_firewall_managed',
        {
          present: true,
          rules: [{ action: 'execute', expression: 'true', enabled: true, description: 'Cloudflare Managed Ruleset', action_parameters: { id: MANAGED, version: 'latest' } }],
        },
      ],
      [
        'http_ratelimit',
        {
          present: true,
          rules: [
            {
              action: 'block',
              expression: 'starts_with(http.request.uri.path, "/login")',
              description: 'rate limit /login',
              // Same set in another order, and a field the stack does not declare.
              ratelimit: { characteristics: ['ip.src', 'cf.colo.id'], period: 60, requests_per_period: 10, mitigation_timeout: 600, requests_to_origin: false },
            },
          ],
        },
      ],
      ['http_request_firewall_custom', { present: false, rules: [] }],
    ]),
    records: [
      { name: 'APP.example.eu.', type: 'A', proxied: true },
      { name: 'app.example.eu', type: 'TXT' },
    ],
    regionalHostnames: [{ hostname: 'app.example.eu', region_key: 'eu' }],
    originPullsEnabled: true,
  };
}

const byAddress = (findings: ReturnType<typeof compareZone>, address: string) => findings.find((f) => f.address === address)!;

describe('compareZone', () => {
  it('passes every item of a zone as declared, ignoring what the API adds', () => {
    const findings = compareZone(declared, live());
    expect(findings.map((f) => [f.controlId, f.status])).toEqual([
      ['TOM-EDGE-01', 'pass'],
      ['TOM-EDGE-06', 'pass'],
      ['EVIDENCE-EDGE-02', 'pass'],
      ['TOM-EDGE-07', 'pass'],
      ['TOM-EDGE-08', 'pass'],
      ['TOM-EDGE-09', 'pass'],
      ['EVIDENCE-EDGE-01', 'pass'],
      ['TOM-EDGE-10', 'pass'],
      ['TOM-EDGE-11', 'pass'],
      ['TOM-EDGE-12', 'pass'],
    ]);
    expect(byAddress(findings, 'cloudflare_ruleset.custom').reason).toBe('declared no rules, observed no entry-point ruleset (no rules run)');
    expect(byAddress(findings, 'cloudflare_dns_record.app').reason).toBe('A app.example.eu: declared proxied true, observed proxied true');
    expect(byAddress(findings, 'cloudflare_zone_setting.ssl')).toMatchObject({ stack: 'edge-test', severity: 'high', source: `GET /zones/${ZONE}/settings/ssl` });
  });

  it('names the nested field that drifted in a structured setting', () => {
    const observed = live();
    (observed.settings as Map<string, unknown>).set('security_header', { strict_transport_security: { ...HSTS.strict_transport_security, max_age: 0, include_subdomains: false } });
    const hsts = byAddress(compareZone(declared, observed), 'cloudflare_zone_setting.hsts');
    expect(hsts).toMatchObject({
      status: 'fail',
      controlId: 'TOM-EDGE-06',
      path: 'security_header.strict_transport_security.max_age',
      reason:
        'security_header.strict_transport_security.max_age: declared 31536000, observed 0; security_header.strict_transport_security.include_subdomains: declared true, observed false',
    });
  });

  it('fails a managed ruleset switched off, or weakened with overrides', () => {
    const off = live();
    const [rule] = off.rulesets.get('http_request_firewall_managed')!.rules;
    (off.rulesets as Map<string, unknown>).set('http_request_firewall_managed', {
      present: true,
      rules: [{ ...rule, enabled: false, action_parameters: { ...rule.action_parameters, overrides: { action: 'log' } } }],
    });
    expect(byAddress(compareZone(declared, off), 'cloudflare_ruleset.managed')).toMatchObject({
      status: 'fail',
      path: 'rules[0].enabled',
      reason: 'rules[0].enabled: declared true, observed false; rules[0].action_parameters.overrides: declared nothing, observed {"action":"log"}',
    });
  });

  it('fails missing records, hostnames outside the EU region, DNSSEC not active and origin pulls off', () => {
    const observed: ObservedZone = { ...live(), records: [], regionalHostnames: [{ hostname: 'app.example.eu', region_key: 'us' }], dnssecStatus: 'pending', originPullsEnabled: false };
    const findings = compareZone(declared, observed);
    expect(byAddress(findings, 'cloudflare_dns_record.app').reason).toBe('A app.example.eu: declared proxied true, observed no A record of that name');
    expect(byAddress(findings, 'cloudflare_regional_hostname.app').reason).toBe('app.example.eu: declared "eu", observed "us"');
    expect(byAddress(findings, 'cloudflare_zone_dnssec.dnssec')).toMatchObject({ path: 'status', reason: 'declared "active", observed "pending"' });
    expect(byAddress(findings, 'cloudflare_authenticated_origin_pulls_settings.aop').reason).toBe('declared true, observed false');
  });
});

describe('differences', () => {
  it('compares by the declared fields, lists of plain values as sets', () => {
    expect(differences({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [2, 1], d: 'extra' }, e: 'extra' })).toEqual([]);
    expect(differences({ b: { c: [1, 2] } }, { b: { c: [1] } })).toEqual([{ path: 'b.c', declared: '[1,2]', observed: '[1]' }]);
    expect(differences('strict', undefined)).toEqual([{ path: '', declared: '"strict"', observed: 'nothing' }]);
  });
});
