/**
 * `run`: dump → age → SHA-256 → S3, then the manifest, per source. The
 * manifest is written only after the data object is fully stored, so an
 * interrupted run leaves at most an incomplete folder that nothing reads
 * as a backup (rotation removes it later). One failed source does not stop
 * the others; the exit code reports it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { pipeline, type Readable } from 'node:stream';
import { AgeError, encryptStream } from './age';
import type { RunConfig } from './config';
import { databaseJob, filesJob, type DumpJob, type RunningDump } from './dump-sources';
import { ConfigError, OperationError, messageOf } from './errors';
import { MANIFEST_NAME, backupFolder, stampOf } from './keys';
import { mebibytes, throttled, type Log } from './log';
import { MANIFEST_FORMAT, type BackupManifest } from './manifest';
import { clockAheadProblem } from './clock';
import { createS3Client, deleteKey, listKeys, location, putJson, uploadStream } from './s3';
import { StoppedError, throwIfStopped } from './stop';
import { Meter } from './streams';
import { TOOL_NAME, TOOL_VERSION } from './tool';

const PROGRESS_INTERVAL_MS = 10_000;

/** Backs up every configured source; true when all succeeded. `stop` (SIGTERM) abandons the current one and skips the rest. */
export async function runBackups(config: RunConfig, log: Log, stop?: AbortSignal): Promise<boolean> {
  const client = createS3Client(config.s3);
  const jobs = [...config.databases.map((database) => databaseJob(config, database)), ...(config.files ? [filesJob(config, config.files)] : [])];
  let allOk = true;
  try {
    for (const job of jobs) {
      if (stop?.aborted) return false;
      const ok = await backupOne(client, config, job, log, stop);
      allOk &&= ok;
    }
  } finally {
    client.destroy();
  }
  return allOk;
}

async function backupOne(client: S3Client, config: RunConfig, job: DumpJob, log: Log, stop?: AbortSignal): Promise<boolean> {
  const started = performance.now();
  const folder = backupFolder(config.s3.prefix, job.segment, stampOf(config.now));
  const key = `${folder}${job.objectName}`;
  const manifestKey = `${folder}${MANIFEST_NAME}`;
  let dump: RunningDump | undefined;
  try {
    // Also proves the bucket is there before the source is touched.
    const existing = await listKeys(client, config.s3, folder, 100);
    if (existing.includes(manifestKey)) {
      throw new OperationError(`a complete backup of ${job.label} already exists at ${location(config.s3, folder)}; runs are stamped to the second, so wait and run again.`);
    }
    const clockProblem = clockAheadProblem(client, config, 'a backup stamped in the future would pass for the newest one until that time');
    if (clockProblem) throw clockProblem;
    throwIfStopped(stop, 'before the dump started');
    log.progress(`${job.label}: dumping to ${location(config.s3, key)}`);
    dump = await job.start();
    const stored = await encryptAndUpload(client, config, dump, key, log, job.label, stop);
    const tables = await dump.finish();
    if (stop?.aborted) {
      // Stored, but the job is being stopped: leave no half of a backup behind.
      await deleteKey(client, config.s3, key).catch(() => undefined);
      throwIfStopped(stop, `after the upload of ${location(config.s3, key)}; the object was removed and no manifest written`);
    }
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      created: config.now.toISOString(),
      source: dump.source,
      tool: { name: TOOL_NAME, version: TOOL_VERSION, dumper: dump.dumper },
      encryption: { scheme: 'age', recipients: [...config.recipients] },
      objects: [{ key, role: job.role, ...stored }],
      ...(tables ? { tables } : {}),
      durationMs: Math.round(performance.now() - started),
    };
    await putJson(client, config.s3, manifestKey, manifest);
    log.progress(`${job.label}: done, ${mebibytes(stored.bytes)} stored, manifest written`);
    log.summary({
      event: 'backup.run', status: 'ok', source: job.label, key, manifestKey, bytes: stored.bytes,
      plaintextBytes: stored.plaintextBytes, sha256: stored.sha256, tables: tables?.length, durationMs: manifest.durationMs, created: manifest.created,
    });
    return true;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    // Stopped: the signal is the story, not the dump tool killed because of it.
    const message = messageOf(err instanceof StoppedError ? err : (dump?.failure() ?? err));
    log.error(`${job.label}: backup failed, no manifest written: ${message}`);
    log.summary({ event: 'backup.run', status: 'failed', source: job.label, key, error: message, durationMs: Math.round(performance.now() - started) });
    return false;
  } finally {
    await dump?.close();
  }
}

interface StoredObject {
  bytes: number;
  sha256: string;
  plaintextBytes: number;
}

async function encryptAndUpload(client: S3Client, config: RunConfig, dump: RunningDump, key: string, log: Log, label: string, stop?: AbortSignal): Promise<StoredObject> {
  const plaintext = new Meter();
  const ciphertext = new Meter(throttled(PROGRESS_INTERVAL_MS, (bytes) => log.progress(`${label}: ${mebibytes(bytes)} encrypted and uploading`)));
  const failures: Error[] = [];
  const onError = (err: Error | null | undefined): void => {
    if (err) failures.push(err);
  };
  let encrypted: Readable;
  try {
    encrypted = await encryptStream(pipeline(dump.stream, plaintext, onError), config.recipients);
  } catch (err) {
    dump.stream.destroy();
    if (err instanceof AgeError) throw new ConfigError(`BACKUP_AGE_RECIPIENTS cannot be used for encryption: ${err.message}.`);
    throw err;
  }
  const body = pipeline(encrypted, ciphertext, onError);
  try {
    await uploadStream(client, config.s3, key, body, {
      source: dump.source.kind === 'postgres' ? `postgres://${dump.source.host}:${dump.source.port}/${dump.source.database}` : `files://${dump.source.host}/${dump.source.name}`,
      created: config.now.toISOString(),
      tool: `${TOOL_NAME}/${TOOL_VERSION}`,
      encryption: 'age',
    }, config.partSizeBytes, stop);
  } catch (err) {
    // Stop everything upstream: the worker, and through it pg_dump or tar.
    body.destroy();
    encrypted.destroy();
    dump.stream.destroy();
    throw err;
  }
  if (failures.length > 0) throw failures[0];
  return { bytes: ciphertext.bytes, sha256: ciphertext.sha256(), plaintextBytes: plaintext.bytes };
}
