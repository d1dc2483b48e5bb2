/**
 * `npm run evidence` end to end against a fake Cloudflare API on 127.0.0.1:
 * the prod edge stack of config/example.yaml is synthesized once (runs in one
 * process reuse it), the fake zone starts each test matching it, and each test
 * breaks one thing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { runEvidence, type EvidenceIo } from '../../evidence/cli';
import type { DeclaredZone } from '../../evidence/declared';
import { declaredEdge } from '../../evidence/synth';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { MANAGED_RULESETS } from '../../constructs/waf-zone';
import type { AuditResult, Finding } from '../../policies/types';
import { apiError, envelope, startFakeCloudflare, type FakeCloudflare } from './fake-cloudflare';
import { liveZoneOf } from './live-zone';
import { compiledArgs } from '../support/compiled';

const TOKEN = 'test-token-not-a-secret';
const ROOT = resolve(__dirname, '../..');

let fake: FakeCloudflare;
let zone: DeclaredZone;
let tmp: string;
let run = 0;

interface Run {
  code: number;
  out: string;
  err: string;
  dir: string;
}

/** Runs the CLI in-process against the fake; reports go to a fresh folder. `io` injects the clock and sleep of the retries. */
async function evidence(args: string[] = [], env: NodeJS.ProcessEnv = {}, io: Pick<EvidenceIo, 'clock' | 'sleep'> = {}): Promise<Run> {
  const dir = join(tmp, `run-${(run += 1)}`);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runEvidence(
    ['--env', 'prod', '--out', dir, '--base-url', fake.baseURL, ...args],
    { CLOUDFLARE_API_TOKEN: TOKEN, ...env },
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t), now: new Date('2025-06-01T00:00:00Z'), ...io },
  );
  return { code, out: out.join('\n'), err: err.join('\n'), dir };
}

const report = (dir: string): AuditResult => JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8'));
const findingOf = (result: AuditResult, controlId: string, address?: string): Finding =>
  result.findings.find((f) => f.controlId === controlId && (!address || f.address === address))!;

/** A refused run: exit 2, one line naming what went wrong, nothing written, no stack trace. */
function expectRefused(r: Run, ...mentions: (string | RegExp)[]): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^evidence: /);
  expect(r.err).not.toMatch(/\n\s+at /);
  for (const m of mentions) expect(r.err).toMatch(m);
  expect(existsSync(r.dir)).toBe(false);
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
}

/**
 * The real process, run without CLOUDFLARE_API_TOKEN: the cheapest refusal (it
 * answers before the stacks and the SDK load). Started first and awaited by
 * its test, so it runs while this process synthesizes.
 */
function spawnWithoutToken(): Promise<Spawned> {
  const dir = join(tmp, 'spawned');
  const child = spawn(process.execPath, compiledArgs('evidence/cli.ts', '--env', 'prod', '--out', dir), {
    cwd: ROOT,
    env: { PATH: process.env.PATH },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((done) => {
    child.on('error', (e) => done({ code: null, stdout, stderr: String(e), dir }));
    child.on('close', (code) => done({ code, stdout, stderr, dir }));
  });
}

let spawned: Promise<Spawned>;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'evidence-test-'));
  spawned = spawnWithoutToken();
  [zone] = declaredEdge(loadConfig(DEFAULT_CONFIG), 'prod', DEFAULT_CONFIG).zones;
  fake = await startFakeCloudflare(liveZoneOf(zone), TOKEN);
});

beforeEach(() => {
  fake.zone = liveZoneOf(zone);
  fake.faults = [];
  fake.requests.length = 0;
});

afterAll(async () => {
  await spawned;
  await fake?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('declared side', () => {
  it('reads every compared item of edge-prod from the synthesized stack', () => {
    expect(zone.zoneId).toBe('fedcba9876543210fedcba9876543210');
    expect(zone.settings.map((s) => s.settingId).sort()).toEqual(['always_use_https', 'automatic_https_rewrites', 'min_tls_version', 'security_header', 'ssl', 'tls_1_3']);
    expect(zone.settings.find((s) => s.settingId === 'ssl')?.value).toBe('strict');
    expect(zone.rulesets.map((r) => r.phase).sort()).toEqual(['http_ratelimit', 'http_request_firewall_custom', 'http_request_firewall_managed']);
    expect(zone.records.map((r) => `${r.type} ${r.name} proxied=${r.proxied}`).sort()).toEqual([
      'A acme-app.eu proxied=true',
      'A api.acme-app.eu proxied=true',
      'A app.acme-app.eu proxied=true',
    ]);
    expect(zone.regionalHostnames.map((h) => h.regionKey)).toEqual(['eu', 'eu', 'eu']);
    expect(zone.dnssec?.status).toBe('active');
    expect(zone.originPulls?.enabled).toBe(true);
  });
});

describe('npm run evidence', () => {
  it('exits 0 and writes every report when the live zone is as declared', async () => {
    const r = await evidence();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/NO DRIFT$/);
    for (const file of ['compliance.json', 'compliance.md', 'compliance.html', 'compliance.sarif', 'junit.xml', 'oscal-assessment-results.json']) {
      expect(existsSync(join(r.dir, file))).toBe(true);
    }
    const result = report(r.dir);
    // 6 settings, DNSSEC, 3 rulesets, 3 records, 3 regional hostnames, origin pulls.
    expect(result.findings).toHaveLength(17);
    expect(result.findings.filter((f) => f.status !== 'pass')).toEqual([]);
    expect(result.inputs).toEqual([`Cloudflare API ${fake.baseURL}, zone ${zone.zoneId}`, `${DEFAULT_CONFIG} (edge-prod, synthesized)`]);
    const ssl = result.findings.find((f) => f.path === 'ssl')!;
    expect(ssl).toMatchObject({ controlId: 'TOM-EDGE-01', status: 'pass', reason: 'declared "strict", observed "strict"', source: `GET /zones/${zone.zoneId}/settings/ssl` });
    // Four records at two per page: the reader followed the pages.
    expect(fake.requests.filter((p) => p.includes('dns_records'))).toHaveLength(2);
    expect(readFileSync(join(r.dir, 'compliance.md'), 'utf8')).toContain('declared "strict", observed "strict"');
  });

  it('exits 1 with declared and observed side by side for each drifted item', async () => {
    fake.zone.settings.ssl = 'full';
    fake.zone.rulesets.http_request_firewall_managed = fake.zone.rulesets.http_request_firewall_managed.filter(
      (rule) => (rule.action_parameters as { id: string }).id !== MANAGED_RULESETS.owaspCore,
    );
    const app = fake.zone.dnsRecords.find((rec) => rec.name === 'app.acme-app.eu')!;
    app.proxied = false;

    const r = await evidence();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/DRIFT$/);
    const result = report(r.dir);
    expect(result.findings.filter((f) => f.status === 'fail').map((f) => f.controlId).sort()).toEqual(['TOM-EDGE-01', 'TOM-EDGE-08', 'TOM-EDGE-10']);

    const ssl = findingOf(result, 'TOM-EDGE-01');
    expect(ssl).toMatchObject({ status: 'fail', severity: 'high', reason: 'declared "strict", observed "full"', path: 'ssl' });
    const waf = findingOf(result, 'TOM-EDGE-08');
    expect(waf.path).toBe('rules[1]');
    expect(waf.reason).toBe(`rules[1]: declared rule execute ${MANAGED_RULESETS.owaspCore} (Cloudflare OWASP Core Ruleset), observed no such rule`);
    const dns = result.findings.find((f) => f.controlId === 'TOM-EDGE-10' && f.status === 'fail')!;
    expect(dns).toMatchObject({ path: 'proxied', reason: 'A app.acme-app.eu: declared proxied true, observed proxied false' });
    expect(r.out).toContain(`TOM-EDGE-01 ${ssl.address}: declared "strict", observed "full"`);
  });

  it('reports a rule added by hand and a changed rate limit', async () => {
    fake.zone.rulesets.http_request_firewall_managed.unshift({ id: 'hand', action: 'skip', expression: 'true', enabled: true, action_parameters: { ruleset: 'current' } });
    const limit = fake.zone.rulesets.http_ratelimit[0].ratelimit as Record<string, unknown>;
    limit.requests_per_period = 1000;
    const result = report((await evidence()).dir);
    expect(findingOf(result, 'TOM-EDGE-08').reason).toBe('declared no such rule, observed rule skip "true" (added outside the code)');
    expect(findingOf(result, 'TOM-EDGE-09')).toMatchObject({ path: 'rules[0].ratelimit.requests_per_period', reason: 'rules[0].ratelimit.requests_per_period: declared 10, observed 1000' });
  });

  it('refuses a rejected token (401) in one line naming the variable and the endpoint', async () => {
    const r = await evidence([], { CLOUDFLARE_API_TOKEN: 'wrong' });
    expectRefused(r, /CLOUDFLARE_API_TOKEN/, /401/, new RegExp(`GET /zones/${zone.zoneId}/settings/`), /Authentication error \(code 10000\)/);
  });

  it('refuses a token without access to the zone (403), naming the zone and the permissions', async () => {
    fake.faults.push({ path: '/rulesets/phases/http_ratelimit/', times: Infinity, status: 403, body: apiError(9109, 'Unauthorized to access requested resource') });
    const r = await evidence();
    expectRefused(r, /403/, new RegExp(`zone ${zone.zoneId}`), /rulesets\/phases\/http_ratelimit\/entrypoint/, /Zone WAF Read/);
  });

  it('refuses a server error page in one short line', async () => {
    fake.faults.push({ path: '/settings/min_tls_version', times: Infinity, status: 502, body: '<html>\n<body>502 Bad Gateway</body>\n</html>', headers: { 'content-type': 'text/html' } });
    expectRefused(await evidence(['--max-retries', '0']), /Cloudflare answered 502 at GET \/zones\/\w+\/settings\/min_tls_version \(502 <html> <body>502 Bad Gateway<\/body> <\/html>\)/);
  });

  it('retries a 429 as retry-after says and then succeeds', async () => {
    fake.faults.push({ path: '/dnssec', times: 1, status: 429, body: apiError(10429, 'Rate limited'), headers: { 'retry-after': '0' } });
    const r = await evidence();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fake.requests.filter((p) => p.endsWith('/dnssec'))).toHaveLength(2);
  });

  it('gives up on a persistent 429 after the bounded retries, with a clear message', async () => {
    fake.faults.push({ path: '/origin_tls_client_auth/', times: Infinity, status: 429, body: apiError(10429, 'Rate limited'), headers: { 'retry-after': '0' } });
    const r = await evidence(['--max-retries', '1']);
    expectRefused(r, /kept answering 429/, /origin_tls_client_auth\/settings/, /after 1 retries/, /--max-retries/);
    expect(fake.requests.filter((p) => p.includes('origin_tls_client_auth'))).toHaveLength(2);
  });

  it.each([
    ['a body that is not JSON', '/settings/ssl', 'application/json', '{"success": tru', /settings\/ssl answered with a body that is not valid JSON/],
    ['HTML instead of JSON', '/dnssec', 'text/html', '<html>bad gateway</html>', /dnssec answered with a malformed response: content-type is "text\/html"/],
    ['an envelope without result', '/settings/tls_1_3', 'application/json', JSON.stringify({ success: true, errors: [], messages: [] }), /settings\/tls_1_3 answered with a malformed response: no "result" object/],
    ['a list without result', '/dns_records', 'application/json', JSON.stringify({ success: true, errors: [], messages: [] }), /dns_records answered with a malformed response: no "result" list/],
    ['a field of the wrong type', '/dns_records', 'application/json', envelope([{ name: 'app.acme-app.eu', type: 'A', proxied: 'yes' }]), /dns_records answered with a malformed response: result\.0\.proxied: expected boolean/],
    ['rules that are not a list', '/http_request_firewall_managed/', 'application/json', envelope({ phase: 'http_request_firewall_managed', rules: 'all' }), /entrypoint answered with a malformed response: result\.rules: expected array/],
  ])('refuses %s naming the endpoint', async (_what, path, contentType, body, message) => {
    fake.faults.push({ path, times: Infinity, status: 200, body, headers: { 'content-type': contentType } });
    expectRefused(await evidence(), message);
  });

  it('treats a phase without entry-point ruleset as no rules: drift when rules are declared', async () => {
    delete fake.zone.rulesets.http_request_firewall_custom;
    const result = report((await evidence()).dir);
    expect(findingOf(result, 'EVIDENCE-EDGE-01')).toMatchObject({
      status: 'fail',
      severity: 'medium',
      reason: 'declared 1 rule(s), observed no entry-point ruleset for http_request_firewall_custom',
    });
    expect(result.controls.map((c) => c.id)).toContain('EVIDENCE-EDGE-01');
  });

  it('refuses to run without CLOUDFLARE_API_TOKEN, naming the zone, before any request', async () => {
    const r = await evidence([], { CLOUDFLARE_API_TOKEN: '' });
    expectRefused(r, /CLOUDFLARE_API_TOKEN is not set/, new RegExp(`zone ${zone.zoneId}`));
    expect(fake.requests).toEqual([]);
  });

  it('refuses an unknown environment, listing the known ones', async () => {
    expectRefused(await evidence(['--env', 'qa']), /environment "qa" is not in .*example\.yaml; known environments: staging, prod\./);
  });

  it('refuses an environment without an edge section', async () => {
    const doc = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
    delete doc.environments[0].edge;
    const file = join(tmp, 'no-edge.yaml');
    writeFileSync(file, stringify(doc));
    expectRefused(await evidence(['--env', 'staging', '--config', file]), /environment "staging" in .*no-edge\.yaml has no edge section/);
  });

  it('takes the base URL from CLOUDFLARE_BASE_URL when --base-url is not given', async () => {
    const dir = join(tmp, 'env-base-url');
    const err: string[] = [];
    const code = await runEvidence(['--env', 'prod', '--out', dir], { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: fake.baseURL }, { stdout: () => undefined, stderr: (t) => err.push(t) });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('refuses an unreachable API in one line', async () => {
    const r = await evidence(['--base-url', 'http://127.0.0.1:9/client/v4', '--max-retries', '0']);
    expectRefused(r, /cannot reach the Cloudflare API at http:\/\/127\.0\.0\.1:9\/client\/v4/);
  });

  it.each([
    [['--env'], /--env/],
    [['--env', 'prod', '--max-retries', 'many'], /--max-retries is "many"; allowed: a whole number from 0 to 10/],
    [['--env', 'prod', '--base-url', 'ftp://x'], /--base-url is "ftp:\/\/x"; only http\(s\) URLs/],
  ])('refuses bad usage %j with the usage text', async (args, message) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runEvidence(args, { CLOUDFLARE_API_TOKEN: TOKEN }, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).toContain('Usage: npm run evidence');
  });
});

/** A clock that only moves when the runner sleeps: waits are recorded, never slept. */
function fakeTime(start = Date.now()) {
  const waits: number[] = [];
  let now = start;
  return {
    waits,
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** Control characters and workflow commands must not reach a terminal or CI log raw. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  expect(text.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
}

describe('case 5: no wait is longer than the caps', () => {
  it('case 5: a 429 with retry-after: 86400 gives up at once, exit 2, one line, nothing slept', async () => {
    fake.faults.push({ path: '/dnssec', times: Infinity, status: 429, body: apiError(10429, 'Rate limited'), headers: { 'retry-after': '86400' } });
    const time = fakeTime();
    const r = await evidence([], {}, time);
    expectRefused(r, new RegExp(`Cloudflare asked to wait 86400 s before retrying GET /zones/${zone.zoneId}/dnssec \\(retry-after: 86400\\), longer than the 60 s evidence waits at most`));
    expect(time.waits).toEqual([]);
    expect(fake.requests.filter((p) => p.endsWith('/dnssec'))).toHaveLength(1);
  });

  it('case 5 sibling: an HTTP-date retry-after a day ahead is capped the same way', async () => {
    const time = fakeTime();
    fake.faults.push({ path: '/dnssec', times: Infinity, status: 429, body: apiError(10429, 'Rate limited'), headers: { 'retry-after': new Date(time.clock() + 86_400_000).toUTCString() } });
    const r = await evidence([], {}, time);
    expectRefused(r, /Cloudflare asked to wait 864\d\d s before retrying .*dnssec \(retry-after: \w{3}, /);
    expect(time.waits).toEqual([]);
  });

  it('case 5 sibling: retry-after-ms beyond the cap is refused too', async () => {
    fake.faults.push({ path: '/settings/ssl', times: Infinity, status: 429, body: apiError(10429, 'Rate limited'), headers: { 'retry-after-ms': '600000' } });
    const time = fakeTime();
    expectRefused(await evidence([], {}, time), /asked to wait 600 s before retrying .*settings\/ssl \(retry-after-ms: 600000\)/);
    expect(time.waits).toEqual([]);
  });

  it('case 5 sibling: a wait within the cap is honoured (on the injected clock) and the run succeeds', async () => {
    fake.faults.push({ path: '/dnssec', times: 1, status: 429, body: apiError(10429, 'Rate limited'), headers: { 'retry-after': '30' } });
    const time = fakeTime();
    const r = await evidence([], {}, time);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(time.waits).toEqual([30_000]);
  });

  it('case 5 sibling: backoff against a persistent 503 stops at --max-time, not after all retries', async () => {
    fake.faults.push({ path: '/dnssec', times: Infinity, status: 503, body: apiError(10503, 'Service unavailable') });
    const time = fakeTime();
    const r = await evidence(['--max-retries', '10', '--max-time', '5'], {}, time);
    expectRefused(r, /the time limit of 5 s \(--max-time, EVIDENCE_MAX_TIME\) leaves no time for the 4 s wait before retrying GET \/zones\/\w+\/dnssec/);
    expect(time.waits).toEqual([500, 1000, 2000]);
  });

  it('case 5 sibling: an API that accepts and never answers is cut at the time limit (EVIDENCE_MAX_TIME=1)', async () => {
    fake.faults.push({ path: '/dnssec', times: Infinity, status: 200, body: '', hang: true });
    const started = Date.now();
    const r = await evidence([], { EVIDENCE_MAX_TIME: '1' });
    expectRefused(r, new RegExp(`the time limit of 1 s \\(--max-time, EVIDENCE_MAX_TIME\\) was reached at GET /zones/${zone.zoneId}/dnssec`));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    [['--max-time', '0'], {}, /--max-time is "0"; allowed: a whole number of seconds from 1 to 3600/],
    [['--max-time', '86400'], {}, /--max-time is "86400"/],
    [['--max-time', '5s'], {}, /--max-time is "5s"/],
    [[], { EVIDENCE_MAX_TIME: '' }, /EVIDENCE_MAX_TIME is ""/],
    [[], { EVIDENCE_MAX_TIME: 'soon' }, /EVIDENCE_MAX_TIME is "soon"/],
  ])('case 5: refuses the time limit %j %j with the usage text', async (args, env, message) => {
    const err: string[] = [];
    const code = await runEvidence(['--env', 'prod', ...args], { CLOUDFLARE_API_TOKEN: TOKEN, ...env }, { stdout: () => undefined, stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(fake.requests).toEqual([]);
  });
});

describe('case 20: an answer whose envelope reports failure is an error, not data', () => {
  it('case 20: HTTP 200 with "success": false exits 2 naming the endpoint and the errors array', async () => {
    fake.faults.push({ path: '/settings/ssl', times: Infinity, status: 200, body: apiError(1003, 'Invalid or missing zone setting') });
    const r = await evidence();
    expectRefused(r, new RegExp(`^evidence: GET /zones/${zone.zoneId}/settings/ssl answered HTTP 200 with "success": false and errors \\[1003 "Invalid or missing zone setting"\\]; an answer that reports failure is not evidence`));
    expect(r.out).not.toMatch(/NO DRIFT/);
  });

  it.each([
    ['"success": true with errors', '/dnssec', JSON.stringify({ success: true, errors: [{ code: 1, message: 'partial' }], messages: [], result: { status: 'active' } }), /dnssec answered "success": true but also errors \[1 "partial"\]; an answer that contradicts itself/],
    ['no "success"', '/dnssec', JSON.stringify({ errors: [], messages: [], result: { status: 'active' } }), /dnssec answered with a malformed response: "success" is missing, not true/],
    ['"success": "true" as a string', '/dnssec', JSON.stringify({ success: 'true', errors: [], result: { status: 'active' } }), /"success" is "true", not true/],
    ['no "errors" list', '/dnssec', JSON.stringify({ success: true, result: { status: 'active' } }), /dnssec answered with a malformed response: "errors" is missing/],
    ['a result of the wrong type', '/settings/ssl', envelope('strict'), /settings\/ssl answered with a malformed response: result: expected object/],
    ['a list page with "success": false', '/dns_records', apiError(9000, 'list failed'), /dns_records answered HTTP 200 with "success": false and errors \[9000 "list failed"\]/],
  ])('case 20 sibling: %s is refused', async (_what, path, body, message) => {
    fake.faults.push({ path, times: Infinity, status: 200, body });
    expectRefused(await evidence(), message);
  });
});

describe('case 21: API strings cannot drive the terminal or the CI log', () => {
  it('case 21: control characters in an API error message are escaped in the one line', async () => {
    fake.faults.push({ path: '/settings/ssl', times: Infinity, status: 200, body: apiError(1003, 'bad\u001b[2J\n::error::pwned\u009b\u202e') });
    const r = await evidence();
    expectRefused(r, /errors \[1003 "bad\\u001b\[2J\\n::error::pwned\\u009b\\u202e"\]/);
    expectInert(r.err);
  });

  it('case 21 sibling: a 403 message with line breaks and escapes stays one inert line', async () => {
    fake.faults.push({ path: '/dnssec', times: Infinity, status: 403, body: apiError(9109, 'denied\r\n::add-mask::x\u001b]0;title\u0007') });
    const r = await evidence();
    expectRefused(r, /403 at GET .*dnssec: denied ::add-mask::x\\u001b\]0;title\\u0007 \(code 9109\)/);
    expectInert(r.err);
  });

  it('case 21 sibling: a rule added by hand with escapes in its expression and description prints inert drift', async () => {
    fake.zone.rulesets.http_request_firewall_managed.unshift({
      id: 'evil', action: 'skip', expression: 'true\n::add-mask::secret\u009b31m', description: 'hi\u001b[31m\n::error::owned', enabled: true, action_parameters: { ruleset: 'current' },
    });
    const r = await evidence();
    expect(r.code).toBe(1);
    expectInert(r.out);
    expect(r.out).toContain('observed rule skip "true\\n::add-mask::secret\\u009b31m" (hi\\u001b[31m\\u000a::error::owned) (added outside the code)');
  });
});

describe('as a process', () => {
  it('exits 2 with one line and no stack trace when CLOUDFLARE_API_TOKEN is missing', async () => {
    const { code, stdout, stderr, dir } = await spawned;
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`evidence: CLOUDFLARE_API_TOKEN is not set; export a read-only Cloudflare API token for zone ${zone.zoneId} (environment "prod") to compare it with the stack.\n`);
    expect(existsSync(dir)).toBe(false);
  });
});
