import { TerraformStack, Testing } from 'cdktf';
import { EdgeDns, type EdgeDnsProps } from '../../constructs/edge-dns';
import { EdgeLogpush, type EdgeLogpushProps } from '../../constructs/edge-logpush';
import { WafZone, type WafZoneProps } from '../../constructs/waf-zone';
import { ZoneTls, type ZoneTlsProps } from '../../constructs/zone-tls';

const ZONE = '0123456789abcdef0123456789abcdef';

/** Builds one construct in a fresh stack and returns the stack's Terraform JSON. */
function synth(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

const zoneTls = (props: Partial<ZoneTlsProps>) => (s: TerraformStack) => new ZoneTls(s, 'tls', { zoneId: ZONE, ...props });
const waf = (props: Partial<WafZoneProps>) => (s: TerraformStack) => new WafZone(s, 'waf', { zoneId: ZONE, name: 'acme-dev', ...props });
const dns = (props: Partial<EdgeDnsProps>) => (s: TerraformStack) =>
  new EdgeDns(s, 'dns', { zoneId: ZONE, hostnames: ['app.example.eu'], originIpv4: '203.0.113.10', ...props });
const logpush = (props: Partial<EdgeLogpushProps>) => (s: TerraformStack) =>
  new EdgeLogpush(s, 'logpush', { zoneId: ZONE, name: 'acme-dev', bucket: 'acme-dev-logs', region: 'ams3', ...props });

describe('edge constructs refuse weak or malformed input with a message naming the field', () => {
  it.each<[string, (s: TerraformStack) => void, RegExp]>([
    ['malformed zone id', zoneTls({ zoneId: 'example.eu' }), /ZoneTls tls: zoneId "example\.eu" is not a Cloudflare zone id; expected 32 lower-case hex/],
    ['TLS 1.1 at the edge', zoneTls({ minTlsVersion: '1.1' as never }), /minTlsVersion "1\.1" is not allowed; use "1\.2" or "1\.3"/],
    ['HSTS shorter than six months', zoneTls({ hsts: { maxAgeSeconds: 86400 } }), /hsts\.maxAgeSeconds 86400 is too short; use a whole number of at least 15552000/],
    ['country that is not an ISO code', waf({ blockedCountries: ['Russia'] }), /WafZone waf: blockedCountries\[0\] "Russia" is not an ISO 3166-1 alpha-2 country code/],
    ['blocked path that would break out of the expression', waf({ blockedPaths: ['/x") or true or ("'] }), /blockedPaths\[0\] "\/x"\) or true or \("" is not a URL path/],
    ['no rate-limited path', waf({ rateLimit: { paths: [] } }), /rateLimit\.paths is empty; list the login and API authentication paths/],
    ['rate-limit path with a wildcard', waf({ rateLimit: { paths: ['/api/*'] } }), /rateLimit\.paths\[0\] "\/api\/\*" is not a URL path such as \/login/],
    ['rate-limit period Cloudflare does not offer', waf({ rateLimit: { periodSeconds: 30 as never } }), /rateLimit\.periodSeconds 30 is not offered by Cloudflare; use one of 10, 60, 120, 300, 600, 3600/],
    ['zero requests per period', waf({ rateLimit: { requestsPerPeriod: 0 } }), /rateLimit\.requestsPerPeriod 0 must be a whole number of at least 1/],
    ['no hostnames', dns({ hostnames: [] }), /EdgeDns dns: hostnames is empty/],
    ['upper-case hostname', dns({ hostnames: ['App.example.eu'] }), /hostnames\[0\] "App\.example\.eu" is not a lower-case DNS name/],
    ['hostname listed twice', dns({ hostnames: ['app.example.eu', 'app.example.eu'] }), /hostnames\[1\] "app\.example\.eu" is listed twice/],
    ['origin that is not an IPv4 address', dns({ originIpv4: 'origin.example.eu' }), /originIpv4 "origin\.example\.eu" is not an IPv4 address/],
    ['bucket name with upper case', logpush({ bucket: 'Logs' }), /EdgeLogpush logpush: bucket "Logs" is not a Spaces bucket name/],
    ['prefix that would break the destination URL', logpush({ prefix: 'logs?x=1' }), /prefix "logs\?x=1" is not a folder such as cloudflare/],
  ])('%s', (_name, build, expected) => {
    expect(() => synth(build)).toThrow(expected);
  });
});

describe('edge construct defaults and opt-outs', () => {
  it('ZoneTls defaults to TLS 1.2 minimum and one-year HSTS without preload', () => {
    const settings = Object.values<any>(synth(zoneTls({})).resource.cloudflare_zone_setting);
    const byId = Object.fromEntries(settings.map((s) => [s.setting_id, s.value]));
    expect(byId.min_tls_version).toBe('1.2');
    expect(byId.security_header.strict_transport_security).toEqual({ enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true });
  });

  it('WafZone rate-limits /login and /api/auth by default and blocks countries by ISO code', () => {
    const rulesets = Object.values<any>(synth(waf({ blockedCountries: ['RU', 'KP'] })).resource.cloudflare_ruleset);
    const phase = (p: string) => rulesets.find((r) => r.phase === p);
    expect(phase('http_ratelimit').rules[0].expression).toBe('(starts_with(http.request.uri.path, "/login")) or (starts_with(http.request.uri.path, "/api/auth"))');
    expect(phase('http_request_firewall_custom').rules).toEqual([expect.objectContaining({ action: 'block', expression: 'ip.src.country in {"RU" "KP"}' })]);
  });

  it('WafZone matches a blocked path with * by wildcard', () => {
    const rulesets = Object.values<any>(synth(waf({ blockedPaths: ['/*.php'] })).resource.cloudflare_ruleset);
    expect(rulesets.find((r) => r.phase === 'http_request_firewall_custom').rules[0].expression).toBe('http.request.uri.path wildcard "/*.php"');
  });

  it('EdgeDns pins each hostname to the EU unless euRegionalHostnames is turned off', () => {
    expect(Object.values<any>(synth(dns({})).resource.cloudflare_regional_hostname)).toEqual([{ zone_id: ZONE, hostname: 'app.example.eu', region_key: 'eu' }]);
    expect(synth(dns({ euRegionalHostnames: false })).resource.cloudflare_regional_hostname).toBeUndefined();
  });

  it('EdgeLogpush writes to the bucket region endpoint and never holds a literal key', () => {
    const doc = synth(logpush({ prefix: 'edge/logs' }));
    const confs = Object.values<any>(doc.resource.cloudflare_logpush_job).map((j) => j.destination_conf).sort();
    expect(confs).toEqual([
      expect.stringMatching(/^s3:\/\/acme-dev-logs\/edge\/logs\/firewall_events\/\{DATE\}\?/),
      's3://acme-dev-logs/edge/logs/http_requests/{DATE}?region=ams3&endpoint=ams3.digitaloceanspaces.com' +
        '&access-key-id=${urlencode(var.logpush_spaces_access_key_id)}&secret-access-key=${urlencode(var.logpush_spaces_secret_access_key)}',
    ]);
    expect(Object.values<any>(doc.variable).every((v) => v.sensitive === true)).toBe(true);
  });
});
