/**
 * The official `cloudflare` SDK, with the part of its surface evidence uses
 * typed here: the client, the six read calls of observed.ts and the error
 * classes of observed.ts and retry.ts.
 *
 * Why not the SDK's own declarations: they are 1,154 files and 15 MB, every
 * one of them loaded by any import from the package (even `cloudflare/error`),
 * which was 45% of all the text the type check parses and about 3.5
 * CPU-seconds of every `tsc --noEmit`, for seven calls. At run time this is
 * the SDK itself; test/evidence/cloudflare-sdk.test.ts checks on a real client
 * that every method and error class named here exists, and the evidence tests
 * run each call against a local API server.
 */

/** What `new Cloudflare(...)` takes, of the options evidence sets. */
export interface CloudflareClientOptions {
  readonly apiToken: string;
  readonly apiKey: null;
  readonly apiEmail: null;
  readonly userServiceKey: null;
  readonly baseURL: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly logLevel: 'off';
  readonly fetch: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** A single-object call: the SDK's APIPromise, of which evidence reads the raw response. */
export interface SdkCall {
  asResponse(): Promise<Response>;
}

/** A page of a list call; `body` is the raw v4 envelope the SDK keeps. */
export interface SdkPage {
  readonly body: unknown;
  hasNextPage(): boolean;
  getNextPage(): Promise<SdkPage>;
}

interface ZoneParams {
  readonly zone_id: string;
}

/** The calls evidence makes, as the SDK names them. */
export interface CloudflareClient {
  readonly zones: { readonly settings: { get(settingId: string, params: ZoneParams): SdkCall } };
  readonly rulesets: { readonly phases: { get(phase: string, params: ZoneParams): SdkCall } };
  readonly dns: {
    readonly dnssec: { get(params: ZoneParams): SdkCall };
    readonly records: { list(params: ZoneParams & { readonly per_page: number }): Promise<SdkPage> };
  };
  readonly addressing: { readonly regionalHostnames: { list(params: ZoneParams): Promise<SdkPage> } };
  readonly originTLSClientAuth: { readonly settings: { get(params: ZoneParams): SdkCall } };
}

/** The SDK's APIError and its subclasses: an HTTP answer, or a connection that failed (no status). */
export interface CloudflareApiError extends Error {
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  /** The v4 envelope's `errors`, as the SDK read them. */
  readonly errors: ReadonlyArray<{ readonly code?: number; readonly message?: string }>;
}

type ErrorClass = abstract new (...args: never[]) => CloudflareApiError;

/** The error classes evidence tells apart, by the SDK's names. */
export const ERROR_CLASSES = [
  'APIError',
  'APIUserAbortError',
  'APIConnectionError',
  'APIConnectionTimeoutError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'RateLimitError',
  'InternalServerError',
] as const;

type Sdk = (new (options: CloudflareClientOptions) => CloudflareClient) & Record<(typeof ERROR_CLASSES)[number], ErrorClass>;

// What `import Cloudflare from 'cloudflare'` gives: the client class (the package's `default`), with the error classes as its static members.
export const Cloudflare = (require('cloudflare') as { readonly default: Sdk }).default;
