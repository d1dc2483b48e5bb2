/**
 * What Cloudflare reports for a zone, read with the official `cloudflare` SDK:
 * only the items the stack declares, all requests in parallel. Every way the
 * API can fail (401, 403, 404, 429 after the bounded retries of retry.ts,
 * 5xx, no connection, a body that is not the v4 envelope, `"success": false`
 * in a 200, the wrong types) becomes an `ApiFailure` (or a WaitLimitError):
 * one line naming the endpoint, what came back and what to do, with every
 * string from the API escaped. Anything else is a bug and is left to surface.
 */
import { Cloudflare, type CloudflareApiError, type CloudflareClient, type SdkCall, type SdkPage } from './cloudflare-sdk';
import { z } from 'zod';
import { InputError } from '../policies/errors';
import { isRecord, num } from '../policies/values';
import type { DeclaredZone } from './declared';
import { terminalSafe } from '../backup/terminal-text';
import { endpoints } from './endpoints';
import { timeLimitReached, WaitLimitError, type Pacing } from './pacing';
import { withRetries } from './retry';

export interface ApiOptions {
  readonly apiToken: string;
  readonly baseURL: string;
  /** Retries, waits and the command's deadline (retry.ts); the SDK itself never retries. */
  readonly pacing: Pacing;
  readonly timeoutMs: number;
}

/** The token's permissions evidence needs; named in every 403 message and in the README. */
export const TOKEN_PERMISSIONS = 'Zone Settings Read, Zone WAF Read, DNS Read, SSL and Certificates Read';

/** An API answer evidence cannot use; the CLI prints the message and exits 2. */
export class ApiFailure extends InputError {
  override readonly name = 'ApiFailure';
}

const ruleSchema = z.object({
  action: z.string(),
  expression: z.string(),
  enabled: z.boolean().optional(),
  description: z.string().optional(),
  action_parameters: z.record(z.string(), z.unknown()).optional(),
  ratelimit: z.record(z.string(), z.unknown()).optional(),
});
const settingSchema = z.object({ id: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown())]) });
const dnssecSchema = z.object({ status: z.string() });
// An entry-point ruleset without rules may come back without the list.
const rulesetSchema = z.object({ phase: z.string(), rules: z.array(ruleSchema).default([]) });
const recordSchema = z.object({ name: z.string(), type: z.string(), proxied: z.boolean().optional() });
const regionalHostnameSchema = z.object({ hostname: z.string(), region_key: z.string() });
const originPullsSchema = z.object({ enabled: z.boolean() });

export type ObservedRule = z.infer<typeof ruleSchema>;
export type ObservedRecord = z.infer<typeof recordSchema>;
export type ObservedRegionalHostname = z.infer<typeof regionalHostnameSchema>;

export interface ObservedRuleset {
  /** False when the zone has no entry-point ruleset for the phase (the API answers 404). */
  readonly present: boolean;
  readonly rules: readonly ObservedRule[];
}

/** The live state of the declared items; an item the stack does not declare is not read. */
export interface ObservedZone {
  readonly zoneId: string;
  readonly settings: ReadonlyMap<string, unknown>;
  readonly dnssecStatus?: string;
  readonly rulesets: ReadonlyMap<string, ObservedRuleset>;
  readonly records: readonly ObservedRecord[];
  readonly regionalHostnames: readonly ObservedRegionalHostname[];
  readonly originPullsEnabled?: boolean;
}

export function cloudflareClient(options: ApiOptions): CloudflareClient {
  return new Cloudflare({
    apiToken: options.apiToken,
    // Only the token authenticates: API keys and e-mail in the environment are ignored on purpose.
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: options.baseURL,
    // Retried in retry.ts, with every wait capped: the SDK would sleep as long as retry-after says.
    maxRetries: 0,
    timeout: options.timeoutMs,
    logLevel: 'off',
    // The command's deadline ends a request in flight too (a server that accepts and never answers).
    fetch: (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, options.pacing.expired]) : options.pacing.expired }),
  });
}

interface Context extends ApiOptions {
  readonly zoneId: string;
}

/** Cloudflare's own explanation from the v4 envelope (`errors[].message`), else the SDK's; one short line even for an HTML error page. */
function cloudflareSays(err: CloudflareApiError): string {
  const said = (Array.isArray(err.errors) ? err.errors : [])
    .filter((e) => typeof e?.message === 'string')
    .map((e) => (e.code ? `${e.message} (code ${e.code})` : e.message))
    .join('; ');
  const line = terminalSafe((said || err.message).replace(/\s+/g, ' ').trim());
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** The one-line failure for an error the SDK raised; rethrows anything that is not an API problem (a bug). */
function failure(err: unknown, endpoint: string, ctx: Context): ApiFailure | WaitLimitError {
  if (err instanceof ApiFailure || err instanceof WaitLimitError) return err;
  // By name, not instanceof: fetch's JSON parser may throw from another realm (as under jest's vm).
  if (isRecord(err) && err.name === 'SyntaxError') return notJson(endpoint, err.message, ctx);
  if (err instanceof Cloudflare.AuthenticationError) {
    return new ApiFailure(`Cloudflare rejected the token in CLOUDFLARE_API_TOKEN (401 at ${endpoint}: ${cloudflareSays(err)}). Create a valid API token and export it as CLOUDFLARE_API_TOKEN.`);
  }
  if (err instanceof Cloudflare.PermissionDeniedError) {
    return new ApiFailure(
      `the token in CLOUDFLARE_API_TOKEN may not read zone ${ctx.zoneId} (403 at ${endpoint}: ${cloudflareSays(err)}). Give it read access to that zone: ${TOKEN_PERMISSIONS}.`,
    );
  }
  if (err instanceof Cloudflare.RateLimitError) {
    return new ApiFailure(
      `Cloudflare kept answering 429 Too Many Requests at ${endpoint} (gave up after ${ctx.pacing.maxRetries} retries). Wait a few minutes and run again, or raise --max-retries.`,
    );
  }
  if (err instanceof Cloudflare.NotFoundError) {
    return new ApiFailure(
      `Cloudflare answered 404 Not Found at ${endpoint} (${cloudflareSays(err)}). Check that zone ${ctx.zoneId} (edge.zoneId in the config) exists and the token can see it.`,
    );
  }
  if (err instanceof Cloudflare.APIConnectionTimeoutError) {
    return new ApiFailure(`no answer from ${ctx.baseURL} within ${ctx.timeoutMs / 1000} s at ${endpoint}. Check the network, --base-url or CLOUDFLARE_BASE_URL.`);
  }
  if (err instanceof Cloudflare.APIConnectionError) {
    const cause = (err as Error & { cause?: unknown }).cause;
    const why = cause instanceof Error ? ((cause as Error & { cause?: Error }).cause?.message ?? cause.message) : err.message;
    return new ApiFailure(`cannot reach the Cloudflare API at ${ctx.baseURL} (${endpoint}: ${why}). Check the network, --base-url or CLOUDFLARE_BASE_URL.`);
  }
  if (err instanceof Cloudflare.APIError) {
    return new ApiFailure(`Cloudflare answered ${err.status ?? 'an error'} at ${endpoint} (${cloudflareSays(err)}). Run again later.`);
  }
  throw err;
}

const malformed = (endpoint: string, what: string): ApiFailure =>
  new ApiFailure(`${endpoint} answered with a malformed response: ${terminalSafe(what)}. Expected the Cloudflare API v4 envelope { success, errors, messages, result }.`);

const notJson = (endpoint: string, why: unknown, ctx: Context): ApiFailure =>
  new ApiFailure(`${endpoint} answered with a body that is not valid JSON (${terminalSafe(String(why))}); is ${ctx.baseURL} the Cloudflare API v4?`);

/** Parses with the schema; the first problem becomes one line naming the field. */
function validate<T>(schema: z.ZodType<T>, data: unknown, endpoint: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = ['result', ...issue.path.map(String)].join('.');
  throw malformed(endpoint, `${where}: ${issue.message.replace(/^Invalid input: /, '')}`);
}

/** At most this much of an API's errors array goes into a message. */
const MAX_ERRORS_TEXT = 300;

/** The API's errors array in one escaped line: `[1003 "Invalid or missing zone setting"; …]`. */
function errorsText(errors: unknown): string {
  const items = (Array.isArray(errors) ? errors : [errors]).map((e) =>
    isRecord(e) && typeof e.message === 'string' ? `${e.code === undefined ? '' : `${JSON.stringify(e.code)} `}${JSON.stringify(e.message)}` : JSON.stringify(e) ?? String(e),
  );
  const text = terminalSafe(`[${items.join('; ')}]`);
  return text.length > MAX_ERRORS_TEXT ? `${text.slice(0, MAX_ERRORS_TEXT - 4)}...]` : text;
}

/**
 * The `result` of a v4 envelope, once the envelope itself says the call
 * succeeded: `success` exactly true and an empty `errors` list. HTTP 200
 * with `"success": false` is an error the API reports in the body; taking
 * its `result` (null, or stale) as the zone's state would be evidence of
 * nothing.
 */
function resultOf(body: unknown, endpoint: string): unknown {
  if (!isRecord(body)) throw malformed(endpoint, 'the body is not a JSON object');
  if (body.success === false) {
    throw new ApiFailure(`${endpoint} answered HTTP 200 with "success": false and errors ${errorsText(body.errors)}; an answer that reports failure is not evidence. Check the token's permissions and the zone, then run again.`);
  }
  if (body.success !== true) throw malformed(endpoint, `"success" is ${JSON.stringify(body.success) ?? 'missing'}, not true`);
  if (!Array.isArray(body.errors)) throw malformed(endpoint, `"errors" is ${body.errors === undefined ? 'missing' : 'not a list'}`);
  if (body.errors.length > 0) {
    throw new ApiFailure(`${endpoint} answered "success": true but also errors ${errorsText(body.errors)}; an answer that contradicts itself is not evidence.`);
  }
  return body.result;
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  return type.includes('application/json') || type.endsWith('+json');
}

/** A single-object endpoint, its envelope checked here; `undefined` for 404 when `absentOn404`. */
async function one<T>(
  endpoint: string,
  call: () => SdkCall,
  schema: z.ZodType<T>,
  ctx: Context,
  absentOn404 = false,
): Promise<T | undefined> {
  let response: Response;
  let text: string;
  try {
    response = await withRetries(endpoint, ctx.pacing, () => call().asResponse());
    text = await response.text();
  } catch (err) {
    if (absentOn404 && err instanceof Cloudflare.NotFoundError) return undefined;
    if (ctx.pacing.expired.aborted && !(err instanceof WaitLimitError)) throw timeLimitReached(ctx.pacing, endpoint);
    throw failure(err, endpoint, ctx);
  }
  if (!isJson(response)) throw malformed(endpoint, `content-type is "${response.headers.get('content-type') ?? 'missing'}", not JSON`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw notJson(endpoint, (err as Error).message, ctx);
  }
  const result = resultOf(body, endpoint);
  if (result === undefined || result === null) throw malformed(endpoint, 'no "result" object');
  return validate(schema, result, endpoint);
}

/** At 5,000 records a page no zone needs this many pages; more means a server that never stops paging. */
const MAX_PAGES = 1000;

/** Every item of a paginated list endpoint, each page's envelope checked. */
async function all<T>(endpoint: string, call: () => Promise<SdkPage>, itemSchema: z.ZodType<T>, ctx: Context): Promise<T[]> {
  const items: T[] = [];
  try {
    let page = await withRetries(endpoint, ctx.pacing, call);
    for (let n = 1; ; n += 1) {
      // The SDK treats a page without `result` as empty; evidence must not, so it reads the envelope the page keeps.
      const body = page.body;
      const result = resultOf(body, endpoint);
      if (!Array.isArray(result)) throw malformed(endpoint, result === undefined ? 'no "result" list' : '"result" is not a list');
      items.push(...validate(z.array(itemSchema), result, endpoint));
      const totalPages = isRecord(body) && isRecord(body.result_info) ? num(body.result_info.total_pages) : undefined;
      const last = result.length === 0 || (totalPages !== undefined ? n >= totalPages : !page.hasNextPage());
      if (last || n >= MAX_PAGES) break;
      const current = page;
      page = await withRetries(endpoint, ctx.pacing, () => current.getNextPage());
    }
  } catch (err) {
    if (ctx.pacing.expired.aborted && !(err instanceof WaitLimitError)) throw timeLimitReached(ctx.pacing, endpoint);
    throw failure(err, endpoint, ctx);
  }
  return items;
}

/**
 * Reads the live state of everything `zone` declares. All requests run at
 * once; when several fail, the first in declaration order is reported.
 */
export async function observeZone(client: CloudflareClient, zone: DeclaredZone, options: ApiOptions): Promise<ObservedZone> {
  const ctx: Context = { ...options, zoneId: zone.zoneId };
  const zone_id = zone.zoneId;
  const settingIds = [...new Set(zone.settings.map((s) => s.settingId))];
  const phases = [...new Set(zone.rulesets.map((r) => r.phase))];

  const settings = settingIds.map((id) =>
    one(endpoints.setting(zone_id, id), () => client.zones.settings.get(id, { zone_id }), settingSchema, ctx).then((s) => [id, s?.value] as const),
  );
  const rulesets = phases.map((phase) =>
    one(endpoints.phase(zone_id, phase), () => client.rulesets.phases.get(phase, { zone_id }), rulesetSchema, ctx, true).then(
      (r): readonly [string, ObservedRuleset] => [phase, r ? { present: true, rules: r.rules } : { present: false, rules: [] }],
    ),
  );
  const dnssec = zone.dnssec ? one(endpoints.dnssec(zone_id), () => client.dns.dnssec.get({ zone_id }), dnssecSchema, ctx) : Promise.resolve(undefined);
  const records =
    zone.records.length > 0
      ? all(endpoints.dnsRecords(zone_id), () => client.dns.records.list({ zone_id, per_page: 5000 }), recordSchema, ctx)
      : Promise.resolve([]);
  const regional =
    zone.regionalHostnames.length > 0
      ? all(endpoints.regionalHostnames(zone_id), () => client.addressing.regionalHostnames.list({ zone_id }), regionalHostnameSchema, ctx)
      : Promise.resolve([]);
  const originPulls = zone.originPulls
    ? one(endpoints.originPulls(zone_id), () => client.originTLSClientAuth.settings.get({ zone_id }), originPullsSchema, ctx)
    : Promise.resolve(undefined);

  // allSettled, not all: every request finishes before we return, so none is left running against a closed server.
  const [settingsDone, rulesetsDone, rest] = await Promise.all([
    Promise.allSettled(settings),
    Promise.allSettled(rulesets),
    Promise.allSettled([dnssec, records, regional, originPulls] as const),
  ]);
  const failed = [...settingsDone, ...rulesetsDone, ...rest].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const value = <T>(r: PromiseSettledResult<T>): T => (r as PromiseFulfilledResult<T>).value;

  return {
    zoneId: zone_id,
    settings: new Map(settingsDone.map(value)),
    dnssecStatus: value(rest[0])?.status,
    rulesets: new Map(rulesetsDone.map(value)),
    records: value(rest[1]),
    regionalHostnames: value(rest[2]),
    originPullsEnabled: value(rest[3])?.enabled,
  };
}
