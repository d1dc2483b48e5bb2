/**
 * The bucket side: one client built from the settings (path-style and
 * checksum behaviour for S3-compatible servers), streaming upload, download,
 * listing and deletes, and S3 failures turned into one readable sentence.
 */
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { OperationError } from './errors';
import type { S3Settings } from './config';
import type { Meter } from './streams';

/** 16 MiB parts allow objects up to ~160 GB within S3's 10,000-part limit; two in flight bound memory. */
const PART_SIZE = 16 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
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
}

export function location(settings: S3Settings, key: string): string {
  return `s3://${settings.bucket}/${key}`;
}

export async function uploadStream(client: S3Client, settings: S3Settings, key: string, body: Readable, metadata: Record<string, string>): Promise<void> {
  const upload = new Upload({
    client,
    params: { Bucket: settings.bucket, Key: key, Body: body, ContentType: 'application/octet-stream', Metadata: metadata },
    partSize: PART_SIZE,
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  try {
    await upload.done();
  } catch (err) {
    throw s3Failure(err, settings, `upload of ${location(settings, key)}`);
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
export async function downloadToFile(client: S3Client, settings: S3Settings, key: string, file: string, meter: Meter): Promise<void> {
  try {
    const result = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
    if (!result.Body) throw new Error('empty response body');
    await pipeline(result.Body as Readable, meter, createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  } catch (err) {
    throw s3Failure(err, settings, `download of ${location(settings, key)}`);
  }
}

/** Every key under `prefix` (which should end in "/"), page by page. */
export async function listKeys(client: S3Client, settings: S3Settings, prefix: string, maxKeys?: number): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: maxKeys }));
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
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
