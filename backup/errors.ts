/**
 * The runner's two kinds of failure, which map to its exit codes:
 * a setting is missing or wrong (2), or the operation itself failed (1).
 * Both carry one human sentence; the CLI prints it without a stack trace.
 */

/** A missing or invalid setting: the message names the variable and what is allowed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A backup, rotation or drill that could not be completed (source down, mismatch, upload failed…). */
export class OperationError extends Error {
  override readonly name = 'OperationError';
}

/** The message of anything thrown, without a stack. */
export function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(messageOf).join('; ');
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
