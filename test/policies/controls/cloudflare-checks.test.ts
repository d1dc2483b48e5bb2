/**
 * Edge cases of the Cloudflare checks that the catalogue fixtures (cdktf
 * shapes) do not reach: plan-JSON shapes, hostname matching, destination URIs.
 */
import { zoneSslStrict } from '../../../policies/checks/cloudflare/zone-ssl-strict';
import { zoneWafManagedRulesets } from '../../../policies/checks/cloudflare/zone-waf-managed-rulesets';
import { targetsAuthPath } from '../../../policies/checks/cloudflare/zone-auth-rate-limit';
import { destinationProblem } from '../../../policies/checks/cloudflare/logpush-eu-destination';
import { hostnameCovers } from '../../../policies/checks/cloudflare/helpers/dns';
import { buildIndex } from '../../../policies/inventory-index';
import type { CheckResult, StackInfo } from '../../../policies/types';
import { inventoryOf } from './harness';
import type { FixtureResource } from './harness';

const MANAGED = 'efb7b8c949ac4650a09736fc376e9aee';
const OWASP = '4814384a9e5d4991b9815dcfc25d2f1f';

function runStack(check: (s: StackInfo, i: ReturnType<typeof buildIndex>) => CheckResult, resources: FixtureResource[], stack = 'edge-plan'): CheckResult {
  const index = buildIndex(inventoryOf({ resources }));
  return check(index.stack(stack) as StackInfo, index);
}

describe('zones in terraform plan JSON', () => {
  // A plan that creates the zone leaves zone_id unknown: it is absent from values and only the reference remains.
  const zone: FixtureResource = { type: 'cloudflare_zone', name: 'main', stack: 'edge-plan', values: { name: 'example.eu' } };
  const planned = (type: string, name: string, values: Record<string, unknown>): FixtureResource => ({
    type,
    name,
    stack: 'edge-plan',
    values,
    references: ['cloudflare_zone.main'],
  });

  it('groups settings with an unknown zone_id under the zone they reference', () => {
    const result = runStack(zoneSslStrict, [zone, planned('cloudflare_zone_setting', 'ssl', { setting_id: 'ssl', value: 'strict' })]);
    expect(result).toMatchObject({ status: 'pass' });
    expect(result.reason).toContain('example.eu');
  });

  it('fails a planned zone without the setting', () => {
    expect(runStack(zoneSslStrict, [zone, planned('cloudflare_zone_setting', 'tls', { setting_id: 'min_tls_version', value: '1.2' })])).toMatchObject({
      status: 'fail',
      path: 'cloudflare_zone_setting[setting_id=ssl]',
    });
  });

  it('reads provider v4 ruleset blocks written as lists', () => {
    const waf = (overrides: unknown[]) =>
      planned('cloudflare_ruleset', 'waf', {
        phase: 'http_request_firewall_managed',
        rules: [
          { action: 'execute', expression: 'true', action_parameters: [{ id: MANAGED, overrides }] },
          { action: 'execute', expression: 'true', action_parameters: [{ id: OWASP, overrides: [] }] },
        ],
      });
    expect(runStack(zoneWafManagedRulesets, [zone, waf([])])).toMatchObject({ status: 'pass' });
    expect(runStack(zoneWafManagedRulesets, [zone, waf([{ enabled: false }])])).toMatchObject({
      status: 'fail',
      path: 'cloudflare_ruleset.waf.rules[0].action_parameters.overrides.enabled',
    });
  });
});

describe('hostnameCovers', () => {
  it.each([
    ['app.example.eu', 'app.example.eu', true, true],
    ['APP.example.eu.', 'app.example.eu', false, true],
    ['*.example.eu', 'app.example.eu', false, true],
    ['*.example.eu', 'a.b.example.eu', false, false],
    ['*.example.eu', 'example.eu', false, false],
    ['app.example.eu', 'app', true, true],
    ['app.example.eu', 'app', false, false],
    ['api.example.eu', 'app.example.eu', true, false],
  ])('%s covers %s (same zone %s): %s', (pattern, host, sameZone, expected) => {
    expect(hostnameCovers(pattern, host, sameZone)).toBe(expected);
  });
});

describe('targetsAuthPath', () => {
  it.each([
    ['http.request.uri.path matches "^/(login|auth)/"', true],
    ['starts_with(http.request.full_uri, "https://example.eu/oauth/token")', true],
    ['http.request.uri.path eq "/search"', false],
    // an auth word outside a string literal is a field name, not a path
    ['any(http.request.headers.names[*] == "authorization") and http.request.uri.path eq "/"', false],
    ['ip.src in {192.0.2.0/24} and http.host eq "login.example.eu"', false],
    ['http.request.uri.path contains "login"', true],
    ['lower(http.request.uri.path) contains "signin"', true],
    ['http.request.uri.path eq "/" and http.request.headers["x-kind"][0] eq "token"', false],
  ])('%s → %s', (expression, expected) => {
    expect(targetsAuthPath({ expression })).toBe(expected);
  });
});

describe('destinationProblem', () => {
  it.each([
    's3://logs/{DATE}?region=eu-central-1',
    's3://logs/{DATE}?region=fra1&endpoint=fra1.digitaloceanspaces.com',
    's3://logs/{DATE}?endpoint=https://ams3.digitaloceanspaces.com/',
    's3://logs/{DATE}?region=eu-west-1&endpoint=s3.dualstack.eu-west-1.amazonaws.com',
  ])('accepts %s', (conf) => {
    expect(destinationProblem(conf)).toBeUndefined();
  });

  it.each([
    ['s3://logs/{DATE}?region=lon1&endpoint=lon1.digitaloceanspaces.com', 'lon1'],
    ['s3://logs/{DATE}?region=eu-central-2', 'eu-central-2'],
    ['gs://logs/{DATE}', '"gs"'],
    ['s3://logs/{DATE}?region=fra1&endpoint=minio.example.com', 'minio.example.com'],
    [42, 'destination_conf is 42'],
  ])('rejects %s naming %s', (conf, named) => {
    expect(destinationProblem(conf)).toContain(named);
  });
});
