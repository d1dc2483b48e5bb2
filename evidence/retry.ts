/**
 * Retries of the Cloudflare API, bounded. The SDK's own retry sleeps as long
 * as `retry-after` says (a 429 with `retry-after: 86400` would hold the
 * command for a day) and cannot be interrupted, so evidence turns the SDK's
 * retries off and retries here: every wait is capped, the whole command has
 * a deadline, and reaching either gives up at once with one line (exit 2).
 * The clock and the sleep are injected, so tests never wait for real.
 */
import { Cloudflare } from './cloudflare-sdk';
import { terminalSafe } from '../backup/terminal-text';
import { MAX_RETRY_WAIT_MS, timeLimitReached, WaitLimitError, type Pacing } from './pacing';

function isRetryable(err: unknown): boolean {
  if (err instanceof Cloudflare.APIUserAbortError) return false;
  if (err instanceof Cloudflare.APIConnectionError) return true;
  if (err instanceof Cloudflare.RateLimitError || err instanceof Cloudflare.InternalServerError) return true;
  return err instanceof Cloudflare.APIError && (err.status === 408 || err.status === 409);
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms`, or
 * `retry-after` as seconds or as an HTTP date. Undefined when it did not ask
 * (or asked in a form that is not one of these).
 */
export function requestedWait(headers: Headers | undefined, now: number): { ms: number; said: string } | undefined {
  const millis = headers?.get('retry-after-ms')?.trim();
  if (millis && /^\d+(\.\d+)?$/.test(millis)) return { ms: Number(millis), said: `retry-after-ms: ${millis}` };
  const after = headers?.get('retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return { ms: Number(after) * 1000, said: `retry-after: ${after}` };
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return { ms: Math.max(0, date - now), said: `retry-after: ${after}` };
}

/** The SDK's backoff without jitter: 0.5 s, 1 s, 2 s, … at most 8 s. */
export function backoffMs(retry: number): number {
  return Math.min(500 * 2 ** retry, 8000);
}

/**
 * Runs `attempt`, retrying what is worth retrying within the limits. Errors
 * that are not retried are rethrown as they are (the caller words them);
 * reaching a limit throws WaitLimitError.
 */
export async function withRetries<T>(endpoint: string, pacing: Pacing, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    if (pacing.expired.aborted || pacing.clock() >= pacing.deadline) throw timeLimitReached(pacing, endpoint);
    try {
      return await attempt();
    } catch (err) {
      if (pacing.expired.aborted) throw timeLimitReached(pacing, endpoint);
      if (!isRetryable(err) || retry >= pacing.maxRetries) throw err;
      await pacing.sleep(waitBefore(err, retry, pacing, endpoint));
    }
  }
}

function waitBefore(err: unknown, retry: number, pacing: Pacing, endpoint: string): number {
  const headers = err instanceof Cloudflare.APIError ? err.headers : undefined;
  const asked = requestedWait(headers, pacing.clock());
  if (asked && asked.ms > MAX_RETRY_WAIT_MS) {
    throw new WaitLimitError(
      `Cloudflare asked to wait ${Math.ceil(asked.ms / 1000)} s before retrying ${endpoint} (${terminalSafe(asked.said)}), longer than the ${MAX_RETRY_WAIT_MS / 1000} s evidence waits at most; nothing was written. Run again later.`,
    );
  }
  const wait = Math.min(asked?.ms ?? backoffMs(retry), MAX_RETRY_WAIT_MS);
  if (pacing.clock() + wait >= pacing.deadline) {
    throw new WaitLimitError(
      `the time limit of ${pacing.maxTimeS} s (--max-time, EVIDENCE_MAX_TIME) leaves no time for the ${Math.ceil(wait / 1000)} s wait before retrying ${endpoint}; nothing was written. Run again later or raise --max-time.`,
    );
  }
  return wait;
}
