/**
 * Streaming age encryption (age-encryption, X25519 recipients) for the
 * runner. The cipher runs in `age-worker.mjs` (see there why, and the
 * message protocol); data moves one chunk per request in both directions,
 * so a slow upload slows encryption, which slows pg_dump.
 * The age format itself streams: 64 KiB chunks, each authenticated, the
 * last one flagged, so a truncated or altered object fails to decrypt.
 */
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';

const WORKER_FILE = path.join(__dirname, 'age-worker.mjs');

/**
 * An age failure: unusable keys or a header no identity opens (before any
 * output), or a payload chunk that does not authenticate while decrypting
 * (the plaintext stream errors with it).
 */
export class AgeError extends Error {
  override readonly name = 'AgeError';
  constructor(
    readonly stage: 'keys' | 'header' | 'payload',
    message: string,
  ) {
    super(message);
  }
}

type WorkerMessage =
  | { type: 'pull' | 'ready' | 'end' }
  | { type: 'data'; data: ArrayBuffer }
  | { type: 'failed'; stage: 'keys' | 'header'; message: string }
  | { type: 'error'; message: string }
  | { type: 'generated'; identity: string; recipient: string };

/** Ciphertext of `plaintext` for the given `age1…` recipients; rejects with AgeError('keys') for a bad key. */
export function encryptStream(plaintext: Readable, recipients: readonly string[]): Promise<Readable> {
  return streamThroughWorker('encrypt', recipients, plaintext);
}

/** Plaintext of `ciphertext`; rejects with AgeError('header') when no identity matches. */
export function decryptStream(ciphertext: Readable, identities: readonly string[]): Promise<Readable> {
  return streamThroughWorker('decrypt', identities, ciphertext);
}

/** A fresh X25519 key pair (tests and the benchmark; real keys come from age-keygen). */
export function generateKeyPair(): Promise<{ identity: string; recipient: string }> {
  const worker = acquireWorker();
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'generated') return;
      releaseWorker(worker);
      resolve({ identity: message.identity, recipient: message.recipient });
    });
    worker.postMessage({ op: 'generate' });
  });
}

/**
 * Idle workers, kept for the next job of this process: loading age costs
 * more than encrypting a small dump. Idle workers are unref'd, so they
 * never keep the process alive.
 */
const idleWorkers: Worker[] = [];

function acquireWorker(): Worker {
  const worker = idleWorkers.pop() ?? new Worker(WORKER_FILE);
  worker.removeAllListeners();
  worker.ref();
  return worker;
}

function releaseWorker(worker: Worker): void {
  worker.removeAllListeners();
  const forget = (): void => {
    const index = idleWorkers.indexOf(worker);
    if (index >= 0) idleWorkers.splice(index, 1);
  };
  worker.once('error', forget).once('exit', forget);
  worker.unref();
  idleWorkers.push(worker);
}

/** Ends the idle workers (test teardown, or a host process that embeds the runner). */
export async function closeAgeWorkers(): Promise<void> {
  await Promise.all(idleWorkers.splice(0).map((w) => w.terminate()));
}

function streamThroughWorker(op: 'encrypt' | 'decrypt', keys: readonly string[], input: Readable): Promise<Readable> {
  const worker = acquireWorker();
  const chunks = input[Symbol.asyncIterator]();
  let output: Readable | undefined;
  let finished = false;
  let inputFailed = false;
  // A job that ran to its end leaves the worker clean for reuse; any other
  // stop terminates it and tears the input down, so the producer behind it
  // (pg_dump, a download) stops too.
  const finish = (clean: boolean): void => {
    if (finished) return;
    finished = true;
    if (clean && input.readableEnded) return releaseWorker(worker);
    if (!input.readableEnded) input.destroy();
    void worker.terminate();
  };

  const sendNextInput = async (): Promise<void> => {
    try {
      const next = await chunks.next();
      if (next.done) return worker.postMessage({ type: 'end' });
      const copy = new Uint8Array(next.value as Buffer);
      worker.postMessage({ type: 'chunk', data: copy.buffer }, [copy.buffer]);
    } catch (err) {
      inputFailed = true;
      if (!finished) worker.postMessage({ type: 'input-error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'pull':
          void sendNextInput();
          break;
        case 'ready':
          output = new Readable({
            read: () => worker.postMessage({ type: 'read' }),
            destroy: (err, callback) => {
              finish(false);
              callback(err);
            },
          });
          resolve(output);
          break;
        case 'failed':
          finish(false);
          reject(new AgeError(message.stage, message.message));
          break;
        case 'data':
          output?.push(Buffer.from(message.data));
          break;
        case 'end':
          output?.push(null);
          finish(true);
          break;
        case 'error':
          // While decrypting, every chunk is authenticated before it is released: a failure here means the payload does not verify.
          output?.destroy(op === 'decrypt' && !inputFailed ? new AgeError('payload', message.message) : new Error(message.message));
          break;
        default:
          break;
      }
    });
    const fail = (err: Error): void => {
      if (finished) return;
      finish(false);
      reject(err);
      output?.destroy(err);
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the age worker stopped unexpectedly (exit ${code})`)));
    worker.postMessage({ op, keys: [...keys] });
  });
}
