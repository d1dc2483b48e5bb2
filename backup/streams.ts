/**
 * Stream plumbing shared by backup and restore: a pass-through that hashes
 * and counts, and child processes (pg_dump, pg_restore, tar) whose exit code
 * decides whether their stream succeeded, so a dump that dies half-way
 * errors the upload instead of ending it cleanly with a truncated file.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { OperationError } from './errors';
import type { Env } from './env-values';

/** Counts bytes and computes the SHA-256 of everything that passes through. */
export class Meter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private digest?: string;

  constructor(private readonly onBytes?: (bytes: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }

  /** Hex SHA-256; only after the stream has ended. */
  sha256(): string {
    if (this.digest === undefined) throw new Error('Meter.sha256() read before the stream ended');
    return this.digest;
  }
}

export interface Producer {
  /** The child's stdout; errors if the child exits with a code not in okExitCodes. */
  readonly stream: Readable;
  /** Why the child failed, once known (its own words from stderr). */
  failure(): OperationError | undefined;
}

const STDERR_TAIL_BYTES = 2048;

/** Runs a tool whose stdout is the data (pg_dump, tar --create). */
export function spawnProducer(file: string, args: readonly string[], env: Env, label: string, okExitCodes: readonly number[] = [0]): Producer {
  const child = spawn(file, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = tail(child.stderr);
  let failure: OperationError | undefined;
  // Piped at once: Node discards a child's unread stdout when it exits, and a
  // fast tool can exit before the consumer starts. The end is held back until
  // the exit code is known, so a failed dump errors instead of ending cleanly.
  const stream = new PassThrough();
  child.stdout.pipe(stream, { end: false });
  let stoppedHere = false;
  exitOf(child, label, stderr).then(
    (code) => {
      if (okExitCodes.includes(code)) {
        stream.end();
        return;
      }
      failure = new OperationError(`${label} failed (exit ${code}): ${stderr() || 'no message'}`);
      stream.destroy(failure);
    },
    (err: OperationError) => {
      // Killed because something downstream failed: that failure is the story, not the kill.
      if (!stoppedHere) failure = err;
      stream.destroy(err);
    },
  );
  // Destroyed early (the upload failed, the encryption could not start): stop the tool.
  stream.once('close', () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stoppedHere = true;
    child.kill('SIGTERM');
  });
  return { stream, failure: () => failure };
}

/**
 * Runs a tool that reads the data on stdin (pg_restore, tar --list); resolves
 * when it exits 0. `onStdout` sees its output, if it has any worth reading.
 */
export async function spawnConsumer(file: string, args: readonly string[], env: Env, label: string, input: Readable, onStdout?: (chunk: Buffer) => void): Promise<void> {
  const child = spawn(file, args, { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = tail(child.stderr);
  const exited = exitOf(child, label, stderr);
  child.stdout.on('data', (chunk: Buffer) => onStdout?.(chunk));
  // A tool that stops reading early (it failed) closes stdin: its exit code tells why, not the EPIPE.
  child.stdin.on('error', () => undefined);
  let inputError: Error | undefined;
  input.once('error', (err) => {
    inputError = err;
    child.kill('SIGTERM');
  });
  input.pipe(child.stdin);
  let code: number;
  try {
    code = await exited;
  } catch (err) {
    // Killed above because the input failed (a decryption error, say): report that.
    throw inputError ?? err;
  }
  if (inputError) throw inputError;
  if (code !== 0) throw new OperationError(`${label} failed (exit ${code}): ${stderr() || 'no message'}`);
}

function exitOf(child: ReturnType<typeof spawn>, label: string, stderr: () => string): Promise<number> {
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => reject(new OperationError(`${label} could not start: ${err.code ?? err.message}`)));
    child.once('close', (code, signal) => {
      if (code === null) reject(new OperationError(`${label} was stopped by ${signal ?? 'a signal'}: ${stderr() || 'no message'}`));
      else resolve(code);
    });
  });
  // Awaited later; keep an early rejection from being reported as unhandled.
  exited.catch(() => undefined);
  return exited;
}

/** The last bytes a child wrote to stderr, as one line. */
function tail(stream: Readable | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-STDERR_TAIL_BYTES);
  });
  return () => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join(' ');
}
