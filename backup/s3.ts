/**
 * The bucket side: one client built from the settings (path-style and
 * checksum behaviour for S3-compatible servers), streaming upload, download,
 * listing and deletes, and S3 failures turned into one readable sentence.
 */
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AbortMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { OperationError } from './errors';
import type { S3Settings } from './config';
import { StoppedError, stoppedBy } from './stop';
import type { Meter } from './streams';

/** Two parts in flight bound memory (the part size is a setting: BACKUP_PART_SIZE_MIB in config.ts). */
const PARTS_IN_FLIGHT = 2;

export function createS3Client(settings: S3Settings): S3Client {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    // Recent SDKs add CRC32 trailers (aws-chunked bodies) to every upload,
    // which many S3-compatible servers store verbatim or reject. Integrity
    // is ours anyway: the manifest's SHA-256 of the whole object is checked
    // before every restore.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const date = (result.response as { headers?: Record<string, string | undefined> }).headers?.date;
      const serverMs = date === undefined ? Number.NaN : Date.parse(date);
      if (!Number.isNaN(serverMs)) storeClocks.set(client, { serverMs, localMs: Date.now() });
      return result;
    },
    { step: 'deserialize', name: 'storeClock' },
  );
  return client;
}

/** The store's clock from its last `Date` header, and when we read it. */
const storeClocks = new WeakMap<S3Client, { serverMs: number; localMs: number }>();

/**
 * What time it is at the store (from the `Date` header of its last answer,
 * advanced by the time since), or undefined before any answer. The store's
 * clock is the reference for "the future": a pod's clock or an injected
 * BACKUP_NOW can be wrong, the clock that stamps LastModified is the one
 * every listing is ordered by.
 */
export function storeTime(client: S3Client): Date | undefined {
  const clock = storeClocks.get(client);
  return clock ? new Date(clock.serverMs + (Date.now() - clock.localMs)) : undefined;
}

export function location(settings: S3Settings, key: string): string {
  return `s3://${settings.bucket}/${key}`;
}

/**
 * Streams `body` to `key` (multipart above one part of `partSize` bytes). When `stop` fires, the
 * upload is abandoned at once: no further part starts, the client's sockets
 * are closed so parts in flight end too, and the multipart upload is aborted
 * with a fresh client, so the store keeps no parts (and no object) of it.
 */
export async function uploadStream(client: S3Client, settings: S3Settings, key: string, body: Readable, metadata: Record<string, string>, partSize: number, stop?: AbortSignal): Promise<void> {
  const upload = new Upload({
    client,
    params: { Bucket: settings.bucket, Key: key, Body: body, ContentType: 'application/octet-stream', Metadata: metadata },
    partSize,
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  const onStop = (): void => {
    void upload.abort();
    client.destroy();
  };
  stop?.addEventListener('abort', onStop, { once: true });
  try {
    if (stop?.aborted) onStop();
    await upload.done();
  } catch (err) {
    const signal = stoppedBy(stop);
    if (signal === undefined) throw s3Failure(err, settings, `upload of ${location(settings, key)}`);
    // lib-storage keeps the upload id to itself; it is known once the multipart upload was created.
    const known = (upload as unknown as { uploadId?: string }).uploadId;
    const outcome = await abortMultipartUploads(settings, key, known === undefined ? [] : [known]);
    throw new StoppedError(signal, `upload of ${location(settings, key)} stopped by ${signal}: ${outcome}`);
  } finally {
    stop?.removeEventListener('abort', onStop);
  }
}

const ABORT_TIMEOUT_MS = 5_000;

/**
 * Aborts the multipart uploads of `key`: the ones we know of, and any the
 * store lists (an upload created while the signal arrived). Returns what
 * happened, in words; never throws (the bucket's lifecycle rule is the
 * second line for anything left).
 */
export async function abortMultipartUploads(settings: S3Settings, key: string, known: readonly string[]): Promise<string> {
  const fresh = createS3Client(settings);
  const ids = new Set(known);
  try {
    try {
      const page = await fresh.send(new ListMultipartUploadsCommand({ Bucket: settings.bucket, Prefix: key }), { abortSignal: AbortSignal.timeout(ABORT_TIMEOUT_MS) });
      for (const item of page.Uploads ?? []) if (item.Key === key && item.UploadId) ids.add(item.UploadId);
    } catch {
      // Listing uploads is a best effort: not every S3-compatible server has it.
    }
    if (ids.size === 0) return 'nothing was stored (no multipart upload had started)';
    const failed: string[] = [];
    for (const id of ids) {
      try {
        await fresh.send(new AbortMultipartUploadCommand({ Bucket: settings.bucket, Key: key, UploadId: id }), { abortSignal: AbortSignal.timeout(ABORT_TIMEOUT_MS) });
      } catch (err) {
        failed.push(`${id} (${s3Failure(err, settings, 'abort').message})`);
      }
    }
    return failed.length === 0
      ? `the multipart upload was aborted, no parts are left`
      : `the multipart upload could not be aborted: ${failed.join('; ')}; the bucket's lifecycle rule removes incomplete uploads`;
  } finally {
    fresh.destroy();
  }
}

export async function putJson(client: S3Client, settings: S3Settings, key: string, value: unknown): Promise<void> {
  try {
    await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: `${JSON.stringify(value, null, 2)}\n`, ContentType: 'application/json' }));
  } catch (err) {
    throw s3Failure(err, settings, `write of ${location(settings, key)}`);
  }
}

export async function getText(client: S3Client, settings: S3Settings, key: string): Promise<string> {
  try {
    const result = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
    return (await result.Body?.transformToString('utf8')) ?? '';
  } catch (err) {
    throw s3Failure(err, settings, `read of ${location(settings, key)}`);
  }
}

/** Streams an object into a new file (mode 0600) through `meter`. */
export async function downloadToFile(client: S3Client, settings: S3Settings, key: string, file: string, meter: Meter, stop?: AbortSignal): Promise<void> {
  try {
    const result = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }), { abortSignal: stop });
    if (!result.Body) throw new Error('empty response body');
    await pipeline(result.Body as Readable, meter, createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  } catch (err) {
    throw s3Failure(err, settings, `download of ${location(settings, key)}`);
  }
}

export interface ListedObject {
  readonly key: string;
  /** When the store received the object (its clock, not ours). */
  readonly lastModified: Date;
}

/** Every key under `prefix` (which should end in "/"), page by page. */
export async function listKeys(client: S3Client, settings: S3Settings, prefix: string, maxKeys?: number): Promise<string[]> {
  return (await listObjects(client, settings, prefix, maxKeys)).map((item) => item.key);
}

/** Every object under `prefix` with the store's LastModified, page by page. */
export async function listObjects(client: S3Client, settings: S3Settings, prefix: string, maxKeys?: number): Promise<ListedObject[]> {
  const keys: ListedObject[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: maxKeys }));
      for (const item of page.Contents ?? []) {
        // An object without LastModified sorts as the oldest: it can never be taken for the newest backup.
        if (item.Key) keys.push({ key: item.Key, lastModified: item.LastModified ?? new Date(0) });
      }
      token = maxKeys === undefined && page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (err) {
    throw s3Failure(err, settings, `listing of ${location(settings, prefix)}`);
  }
  return keys;
}

export async function deleteKey(client: S3Client, settings: S3Settings, key: string): Promise<void> {
  try {
    await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
  } catch (err) {
    throw s3Failure(err, settings, `delete of ${location(settings, key)}`);
  }
}

const NETWORK_MESSAGE = /socket hang up|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** One sentence for an S3 failure: what was attempted, where, and the likely cause. */
export function s3Failure(err: unknown, settings: S3Settings, action: string): OperationError {
  if (err instanceof OperationError) return err;
  const { name, code, message, Code } = err as { name?: string; code?: string; message?: string; Code?: string };
  const endpoint = settings.endpoint ?? `AWS S3 ${settings.region}`;
  const kind = Code ?? name;
  if (kind === 'NoSuchBucket') {
    return new OperationError(`${action} failed: bucket "${settings.bucket}" does not exist at ${endpoint} (check BACKUP_BUCKET and AWS_ENDPOINT_URL_S3).`);
  }
  if (kind === 'AccessDenied' || kind === 'InvalidAccessKeyId' || kind === 'SignatureDoesNotMatch' || kind === 'Forbidden') {
    return new OperationError(`${action} failed: ${endpoint} refused the credentials (${kind}; check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket policy).`);
  }
  // The message test also catches network errors the SDK re-wrapped (it does so for errors from another realm).
  if ((code && NETWORK_CODES.has(code)) || name === 'TimeoutError' || NETWORK_MESSAGE.test(message ?? '')) {
    return new OperationError(`${action} failed: cannot reach the S3 endpoint ${endpoint} (${code ?? message ?? name}).`);
  }
  return new OperationError(`${action} failed: ${kind && kind !== 'Error' ? `${kind}: ` : ''}${message || 'unknown S3 error'}`);
}
