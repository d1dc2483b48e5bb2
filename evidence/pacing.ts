/**
 * How the Cloudflare requests of one evidence command are paced: retries,
 * the cap on each wait, the command's time limit, and the injected clock and
 * sleep. Without the SDK, so the CLI can read its flags before loading it.
 */
import { InputError } from '../policies/errors';

/** Longest single wait before a retry; a server asking for more is not waited for. */
export const MAX_RETRY_WAIT_MS = 60_000;
/** The whole command's default time limit (`--max-time`, EVIDENCE_MAX_TIME). */
export const DEFAULT_MAX_TIME_S = 300;
export const MAX_MAX_TIME_S = 3600;

/** How the requests of one command are paced. */
export interface Pacing {
  /** Retries of 429, 408/409 and 5xx answers and of lost connections. */
  readonly maxRetries: number;
  /** The command's time limit in seconds, for messages. */
  readonly maxTimeS: number;
  /** When the time limit is reached, on `clock`. */
  readonly deadline: number;
  /** Aborted when the time limit is reached: ends requests in flight. */
  readonly expired: AbortSignal;
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** The command stopped waiting: a time limit or a wait cap was reached. */
export class WaitLimitError extends InputError {
  override readonly name = 'WaitLimitError';
}

export const realSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export function timeLimitReached(pacing: Pacing, endpoint: string): WaitLimitError {
  return new WaitLimitError(
    `the time limit of ${pacing.maxTimeS} s (--max-time, EVIDENCE_MAX_TIME) was reached at ${endpoint}; nothing was written. Run again later or raise --max-time.`,
  );
}

