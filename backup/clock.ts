/**
 * The runner's clock against the store's. A backup stamped ahead of the
 * store would have claimed to be the newest; a rotation run ahead would
 * count every backup as old. Both are refused when the clock (BACKUP_NOW,
 * --now or the system clock) is ahead of the store's by more than the skew
 * allowance. A clock behind is allowed: backdated stamps are how tests and
 * rotation drills inject time, and they never win "newest" (see
 * stored-backups.ts).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { RotateConfig, RunConfig } from './config';
import { ConfigError, OperationError } from './errors';
import { storeTime } from './s3';
import { CLOCK_SKEW_MS } from './stored-backups';

/** Why the clock cannot be used, or undefined when it can. Call after a request to the store (its Date header is the reference). */
export function clockAheadProblem(client: S3Client, config: RunConfig | RotateConfig, what: string): Error | undefined {
  // Without an answer from the store yet, our own real time is the best reference there is.
  const reference = storeTime(client) ?? new Date();
  const ahead = config.now.getTime() - reference.getTime();
  if (ahead <= CLOCK_SKEW_MS) return undefined;
  const message = `${config.clockSource} reads ${config.now.toISOString()}, ${Math.round(ahead / 60_000)} minutes ahead of the bucket's clock (${reference.toISOString()}); ${what}. Allowed: a time at most ${CLOCK_SKEW_MS / 60_000} minutes ahead of the store's, or any time before it.`;
  return config.clockSource === 'the system clock' ? new OperationError(`${message} Fix the node's time synchronisation.`) : new ConfigError(message);
}
