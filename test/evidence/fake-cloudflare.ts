/**
 * A Cloudflare API v4 stand-in on 127.0.0.1 (port 0) that answers the GET
 * endpoints evidence reads, in the real envelope `{ success, errors, messages,
 * result }`: bearer-token check (401), unknown zone (404), missing phase
 * entry point (404), page/per_page pagination with `result_info`, and faults
 * injected per path (403, 429 with retry-after, malformed bodies, no answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The live state of one zone, in the API's own shapes. */
export interface FakeZone {
  zoneId: string;
  settings: Record<string, unknown>;
  dnssecStatus: string;
  /** Entry-point rules by phase; a phase that is missing has no entry-point ruleset. */
  rulesets: Record<string, Record<string, unknown>[]>;
  dnsRecords: Record<string, unknown>[];
  regionalHostnames: Record<string, unknown>[];
  originPullsEnabled: boolean;
}

/** An answer given instead of the real one to requests whose path contains `path`, `times` times. */
export interface Fault {
  path: string;
  times: number;
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Accept the request and never answer (a stalled API). */
  hang?: boolean;
}

export interface FakeCloudflare {
  /** `http://127.0.0.1:PORT/client/v4` */
  readonly baseURL: string;
  zone: FakeZone;
  faults: Fault[];
  /** Paths (without the base) of every request, in arrival order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const PREFIX = '/client/v4';

export const envelope = (result: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ success: true, errors: [], messages: [], result, ...extra });

export const apiError = (code: number, message: string): string => JSON.stringify({ success: false, errors: [{ code, message }], messages: [], result: null });

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function answer(zone: FakeZone, url: URL, maxPerPage: number): [number, string] {
  const path = url.pathname.slice(PREFIX.length);
  const m = /^\/zones\/([^/]+)\/(.+)$/.exec(path);
  if (!m || m[1] !== zone.zoneId) return [404, apiError(7003, `Could not route to ${path}, perhaps your object identifier is invalid?`)];
  const rest = m[2];
  const setting = /^settings\/([a-z0-9_]+)$/.exec(rest);
  if (setting) {
    if (!(setting[1] in zone.settings)) return [404, apiError(1003, 'Invalid or missing zone setting')];
    return [200, envelope({ id: setting[1], value: zone.settings[setting[1]], editable: true, modified_on: '2025-01-01T00:00:00Z' })];
  }
  const phase = /^rulesets\/phases\/([a-z_]+)\/entrypoint$/.exec(rest);
  if (phase) {
    const rules = zone.rulesets[phase[1]];
    if (!rules) return [404, apiError(10003, `could not find entrypoint ruleset in the ${phase[1]} phase`)];
    return [200, envelope({ id: `rs-${phase[1]}`, name: 'default', kind: 'zone', phase: phase[1], version: '3', last_updated: '2025-01-01T00:00:00Z', rules })];
  }
  if (rest === 'dnssec') return [200, envelope({ status: zone.dnssecStatus, algorithm: '13', flags: 257, modified_on: '2025-01-01T00:00:00Z' })];
  if (rest === 'origin_tls_client_auth/settings') return [200, envelope({ enabled: zone.originPullsEnabled })];
  if (rest === 'addressing/regional_hostnames') return [200, envelope(zone.regionalHostnames)];
  if (rest === 'dns_records') {
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 100), maxPerPage);
    const all = zone.dnsRecords;
    const totalPages = Math.max(1, Math.ceil(all.length / perPage));
    const result = all.slice((page - 1) * perPage, page * perPage);
    return [200, envelope(result, { result_info: { page, per_page: perPage, count: result.length, total_count: all.length, total_pages: totalPages } })];
  }
  return [404, apiError(7000, `No route for that URI: ${path}`)];
}

/**
 * Starts the fake API. `token` is the only bearer token it accepts;
 * `maxPerPage` caps `per_page` so the reader has to follow pages.
 */
export async function startFakeCloudflare(zone: FakeZone, token: string, maxPerPage = 2): Promise<FakeCloudflare> {
  const requests: string[] = [];
  const fake = { zone, faults: [] as Fault[], requests };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname.slice(PREFIX.length)}${url.search}`);
    if (req.method !== 'GET') return send(res, 405, apiError(10405, 'Method not allowed'));
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, apiError(10000, 'Authentication error'));
    const fault = fake.faults.find((f) => f.times > 0 && url.pathname.includes(f.path));
    if (fault) {
      fault.times -= 1;
      if (fault.hang) return undefined;
      return send(res, fault.status, fault.body, fault.headers);
    }
    const [status, body] = answer(fake.zone, url, maxPerPage);
    return send(res, status, body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseURL: `http://127.0.0.1:${port}${PREFIX}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  });
}
