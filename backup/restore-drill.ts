/**
 * `restore-drill`: proves the newest complete backup of each source can be
 * brought back. Download (checksum and size against the manifest) →
 * decrypt with the off-cluster identity → pg_restore into a fresh drill
 * database, left for inspection → every table's row count equal to the
 * manifest's (the dumped snapshot). The live source, when reachable, is
 * compared too, but rows written since the backup are drift, not failure.
 * A file archive is checked by listing it completely with tar.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { AgeError, decryptStream } from './age';
import { compareTables, totalRows } from './compare';
import type { DrillConfig } from './config';
import { OperationError, messageOf } from './errors';
import { databaseSegment, filesSourceSegment } from './keys';
import type { Log } from './log';
import type { BackupManifest, ManifestObject, TableCount } from './manifest';
import { connect, countRows, dbnameArgument, libpqEnv, recreateDrillTarget } from './postgres';
import { createS3Client, downloadToFile, location } from './s3';
import { StoppedError, stoppedBy, throwIfStopped } from './stop';
import { futureStampNote, isFutureStamped, listStoredBackups, newestComplete } from './stored-backups';
import { Meter, spawnConsumer } from './streams';
import { findPgTool, findTar } from './tools';

/** Drills every configured source; true when all passed. */
export async function restoreDrills(config: DrillConfig, log: Log, stop?: AbortSignal): Promise<boolean> {
  const client = createS3Client(config.s3);
  let allOk = true;
  try {
    for (const database of config.databases) {
      if (stop?.aborted) return false;
      allOk = (await drillOne(`database "${database}"`, log, () => drillDatabase(client, config, database, log, stop))) && allOk;
    }
    if (config.files && !stop?.aborted) {
      const files = config.files;
      allOk = (await drillOne(`file archive "${files.name}"`, log, () => drillFiles(client, config, filesSourceSegment(files.name), log, stop))) && allOk;
    }
  } finally {
    client.destroy();
  }
  return allOk;
}

async function drillOne(label: string, log: Log, drill: () => Promise<Record<string, unknown>>): Promise<boolean> {
  const started = performance.now();
  try {
    const result = await drill();
    log.summary({ event: 'backup.restore-drill', status: 'ok', source: label, ...result, durationMs: Math.round(performance.now() - started) });
    return true;
  } catch (err) {
    const message = messageOf(err);
    log.error(`${label}: restore drill failed: ${message}`);
    log.summary({ event: 'backup.restore-drill', status: 'failed', source: label, error: message, durationMs: Math.round(performance.now() - started) });
    return false;
  }
}

async function drillDatabase(client: S3Client, config: DrillConfig, database: string, log: Log, stop?: AbortSignal): Promise<Record<string, unknown>> {
  const label = `database "${database}"`;
  const { manifest, object, futureStamped } = await newestBackup(client, config, databaseSegment(database), 'pg_dump', label, log);
  const target = config.targetDatabase.get(database) ?? `${database}_restore_drill`;
  const expected = manifest.tables ?? [];
  await withDecrypted(client, config, manifest, object, log, label, stop, async (plaintext) => {
    await recreateDrillTarget(config.target, target, location(config.s3, object.key));
    log.progress(`${label}: restoring into database "${target}" at ${config.target.host}:${config.target.port}`);
    await spawnConsumer(
      findPgTool('pg_restore', config.env),
      ['--no-owner', '--no-acl', '--exit-on-error', '--no-password', dbnameArgument(target)],
      libpqEnv(config.target, config.env),
      `pg_restore into "${target}"`,
      plaintext,
    );
  });
  const restored = await rowCounts(config, target, 'target');
  const differences = compareTables(expected, restored, 'backup manifest', 'restored database');
  if (differences.length > 0) {
    throw new OperationError(`the restore into "${target}" does not match the backup ${location(config.s3, object.key)}: ${differences.join('; ')}.`);
  }
  const live = await liveDrift(config, database, restored, log, label);
  log.progress(`${label}: restore verified, ${restored.length} tables and ${totalRows(restored)} rows match the backup; "${target}" is left for inspection`);
  return { key: object.key, created: manifest.created, futureStamped, restoredInto: target, tables: restored.length, rows: totalRows(restored), bytes: object.bytes, ...live };
}

async function drillFiles(client: S3Client, config: DrillConfig, segment: string, log: Log, stop?: AbortSignal): Promise<Record<string, unknown>> {
  const label = `file archive "${segment}"`;
  const { manifest, object, futureStamped } = await newestBackup(client, config, segment, 'files_tar', label, log);
  let entries = 0;
  const members = new Set<string>();
  await withDecrypted(client, config, manifest, object, log, label, stop, async (plaintext) => {
    let pending = '';
    await spawnConsumer(findTar(config.env), ['--list', '--file=-'], config.env, 'tar --list of the archive', plaintext, (chunk) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        entries += 1;
        members.add(line.replace(/\/$/, ''));
      }
    });
  });
  const paths = manifest.source.kind === 'files' ? manifest.source.paths : [];
  const missing = paths.filter((entry) => !members.has(path.relative('/', entry) || '.'));
  if (missing.length > 0) throw new OperationError(`the archive ${location(config.s3, object.key)} lacks ${missing.join(', ')}.`);
  return { key: object.key, created: manifest.created, futureStamped, entries, bytes: object.bytes };
}

/** The newest complete backup by the store's clock (see stored-backups.ts), whatever its stamp says. */
async function newestBackup(
  client: S3Client, config: DrillConfig, segment: string, role: ManifestObject['role'], label: string, log: Log,
): Promise<{ manifest: BackupManifest; object: ManifestObject; futureStamped: boolean }> {
  const backups = await listStoredBackups(client, config.s3, segment);
  for (const backup of backups.filter(isFutureStamped)) {
    log.error(`${label}: ${futureStampNote(backup, location(config.s3, `${config.s3.prefix}/${backup.segment}/${backup.stamp}/`))}`);
  }
  const newest = newestComplete(backups);
  if (!newest) throw new OperationError(`no complete backup of ${label} under ${location(config.s3, `${config.s3.prefix}/${segment}/`)}.`);
  const object = newest.manifest.objects.find((candidate) => candidate.role === role);
  if (!object) throw new OperationError(`the manifest ${location(config.s3, newest.manifestKey)} lists no ${role} object.`);
  return { manifest: newest.manifest, object, futureStamped: isFutureStamped(newest) };
}

/**
 * Downloads the object to a private temp folder, checks size and SHA-256
 * against the manifest before anything reads it, decrypts it as a stream
 * into `consume`, and removes the folder whatever happens.
 */
async function withDecrypted(
  client: S3Client, config: DrillConfig, manifest: BackupManifest, object: ManifestObject, log: Log, label: string, stop: AbortSignal | undefined,
  consume: (plaintext: Readable) => Promise<void>,
): Promise<void> {
  const folder = await mkdtemp(path.join(config.tmpDir, 'restore-drill-'));
  const where = location(config.s3, object.key);
  try {
    const file = path.join(folder, 'backup.age');
    const meter = new Meter();
    log.progress(`${label}: fetching ${where} (backup of ${manifest.created})`);
    await downloadToFile(client, config.s3, object.key, file, meter, stop);
    if (meter.bytes !== object.bytes || meter.sha256() !== object.sha256) {
      throw new OperationError(`checksum mismatch: ${where} has ${meter.bytes} bytes with SHA-256 ${meter.sha256()}, the manifest records ${object.bytes} bytes with ${object.sha256}; the object was altered or damaged.`);
    }
    throwIfStopped(stop, `before ${where} was restored`);
    let plaintext: Readable;
    try {
      plaintext = await decryptStream(createReadStream(file), config.identities);
    } catch (err) {
      throw decryptionFailure(err, where, manifest);
    }
    // Stopped mid-restore: ending the plaintext stops pg_restore or tar.
    const onStop = (): void => void plaintext.destroy(new StoppedError(stoppedBy(stop) ?? 'SIGTERM', `stopped by ${stoppedBy(stop) ?? 'a signal'} while ${where} was being restored`));
    stop?.addEventListener('abort', onStop, { once: true });
    try {
      await consume(plaintext);
    } catch (err) {
      throw decryptionFailure(err, where, manifest);
    } finally {
      stop?.removeEventListener('abort', onStop);
      plaintext.destroy();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const NO_IDENTITY_MATCHED = /no identity matched/;

/**
 * What a decryption failure means, naming the object. The checksum already
 * matched the manifest, so a failure past the key lookup means the object
 * and its manifest were both rewritten, or the object was encrypted with a
 * key other than the one it claims: either way the backup cannot be trusted.
 */
function decryptionFailure(err: unknown, where: string, manifest: BackupManifest): unknown {
  if (!(err instanceof AgeError)) return err;
  if (err.stage === 'header' && NO_IDENTITY_MATCHED.test(err.message)) {
    return new OperationError(`BACKUP_AGE_IDENTITY_FILE cannot decrypt ${where} (${err.message}); it was encrypted for ${manifest.encryption.recipients.join(', ')} (a wrong key, or a modified header).`);
  }
  const part = err.stage === 'payload' ? 'its data' : 'its header';
  return new OperationError(
    `decryption authentication failed for ${where}: ${part} does not verify (${err.message}); the backup was modified after it was written or was not encrypted with the key it names. Its checksum matched the manifest, so the manifest was rewritten too: treat this backup as tampered and restore an earlier one.`,
  );
}

async function rowCounts(config: DrillConfig, database: string, side: 'target' | 'source'): Promise<TableCount[]> {
  const pg = await connect(side === 'target' ? config.target : config.source, database);
  try {
    return await countRows(pg);
  } finally {
    await pg.end().catch(() => undefined);
  }
}

/** Compares the restore with the live source when it answers; differences are reported, not failed. */
async function liveDrift(config: DrillConfig, database: string, restored: readonly TableCount[], log: Log, label: string): Promise<Record<string, unknown>> {
  let live: TableCount[];
  try {
    live = await rowCounts(config, database, 'source');
  } catch (err) {
    log.progress(`${label}: live source not reachable, compared with the backup manifest only (${messageOf(err)})`);
    return { liveSource: 'unreachable' };
  }
  const drift = compareTables(restored, live, 'restored database', 'live source');
  if (drift.length > 0) log.progress(`${label}: the live source has changed since the backup: ${drift.join('; ')}`);
  return { liveSource: 'compared', liveDrift: drift };
}
