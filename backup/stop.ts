/**
 * Stopping early: SIGTERM (pod eviction, a Job's activeDeadlineSeconds, a
 * node drain) or SIGINT. The CLI turns the first signal into an AbortSignal
 * whose reason is the signal's name; the commands stop at the next safe
 * point (an upload in progress is aborted and gets no manifest, rotation
 * stops between deletions), the failure alert goes out, and the process
 * exits 128 + the signal's number, as a shell would report it.
 */
import * as os from 'node:os';
import { OperationError } from './errors';

/** The work stopped because of a signal; the message says what was left behind. */
export class StoppedError extends OperationError {
  constructor(
    readonly signal: string,
    message: string,
  ) {
    super(message);
  }
}

/** The signal that stopped the run, if one did. */
export function stoppedBy(stop: AbortSignal | undefined): string | undefined {
  if (!stop?.aborted) return undefined;
  return typeof stop.reason === 'string' ? stop.reason : 'SIGTERM';
}

export function throwIfStopped(stop: AbortSignal | undefined, what: string): void {
  const signal = stoppedBy(stop);
  if (signal) throw new StoppedError(signal, `stopped by ${signal} ${what}`);
}

/** 128 + the signal number: 143 for SIGTERM, 130 for SIGINT. */
export function signalExitCode(signal: string): number {
  return 128 + (os.constants.signals[signal as NodeJS.Signals] ?? os.constants.signals.SIGTERM);
}
