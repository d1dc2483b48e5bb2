/**
 * A failed run must reach a person (M6, M10): when `ALERT_WEBHOOK_URL` is
 * set, the runner posts one JSON message there before it exits non-zero.
 * Delivery problems are logged and never change the exit code.
 */
import { LOOPBACK_HOSTS, type Env } from './config';
import type { Log } from './log';

export interface FailureAlert {
  readonly command: string;
  readonly exitCode: number;
  readonly message: string;
}

/** The webhook to alert, or undefined (unset, or not https outside loopback: alerts never travel in plain text). */
export function alertWebhook(env: Env, log: Log): URL | undefined {
  const raw = env.ALERT_WEBHOOK_URL?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return url;
  } catch {
    // reported below
  }
  log.error(`ALERT_WEBHOOK_URL=${JSON.stringify(raw)} is not an https:// URL; the failure was not alerted`);
  return undefined;
}

export async function sendFailureAlert(env: Env, alert: FailureAlert, log: Log, timeoutMs = 10_000): Promise<boolean> {
  const url = alertWebhook(env, log);
  if (!url) return false;
  const body = {
    source: 'tom-backup',
    host: env.HOSTNAME ?? 'unknown',
    command: alert.command,
    exitCode: alert.exitCode,
    message: alert.message,
    severity: 'error',
  };
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) log.error(`alert webhook answered HTTP ${res.status}; the failure was logged only`);
    return res.ok;
  } catch (err) {
    log.error(`alert webhook unreachable (${(err as Error).message}); the failure was logged only`);
    return false;
  }
}
