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
import { listStoredBackups, newestComplete } from './stored-backups';
import { Meter, spawnConsumer } from './streams';
import { findPgTool, findTar } from './tools';

/** Drills every configured source; true when all passed. */
export async function restoreDrills(config: DrillConfig, log: Log): Promise<boolean> {
  const client = createS3Client(config.s3);
  let allOk = true;
  try {
    for (const database of config.databases) {
      allOk = (await drillOne(`database "${database}"`, log, () => drillDatabase(client, config, database, log))) && allOk;
    }
    if (config.files) {
      const files = config.files;
      allOk = (await drillOne(`file archive "${files.name}"`, log, () => drillFiles(client, config, filesSourceSegment(files.name), log))) && allOk;
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

async function drillDatabase(client: S3Client, config: DrillConfig, database: string, log: Log): Promise<Record<string, unknown>> {
  const label = `database "${database}"`;
  const { manifest, object } = await newestBackup(client, config, databaseSegment(database), 'pg_dump', label);
  const target = config.targetDatabase.get(database) ?? `${database}_restore_drill`;
  const expected = manifest.tables ?? [];
  await withDecrypted(client, config, manifest, object, log, label, async (plaintext) => {
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
  return { key: object.key, created: manifest.created, restoredInto: target, tables: restored.length, rows: totalRows(restored), bytes: object.bytes, ...live };
}

async function drillFiles(client: S3Client, config: DrillConfig, segment: string, log: Log): Promise<Record<string, unknown>> {
  const label = `file archive "${segment}"`;
  const { manifest, object } = await newestBackup(client, config, segment, 'files_tar', label);
  let entries = 0;
  const members = new Set<string>();
  await withDecrypted(client, config, manifest, object, log, label, async (plaintext) => {
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
  return { key: object.key, created: manifest.created, entries, bytes: object.bytes };
}

async function newestBackup(client: S3Client, config: DrillConfig, segment: string, role: ManifestObject['role'], label: string): Promise<{ manifest: BackupManifest; object: ManifestObject }> {
  const newest = newestComplete(await listStoredBackups(client, config.s3, segment));
  if (!newest) throw new OperationError(`no complete backup of ${label} under ${location(config.s3, `${config.s3.prefix}/${segment}/`)}.`);
  const object = newest.manifest.objects.find((candidate) => candidate.role === role);
  if (!object) throw new OperationError(`the manifest ${location(config.s3, newest.manifestKey)} lists no ${role} object.`);
  return { manifest: newest.manifest, object };
}

/**
 * Downloads the object to a private temp folder, checks size and SHA-256
 * against the manifest before anything reads it, decrypts it as a stream
 * into `consume`, and removes the folder whatever happens.
 */
async function withDecrypted(client: S3Client, config: DrillConfig, manifest: BackupManifest, object: ManifestObject, log: Log, label: string, consume: (plaintext: Readable) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(config.tmpDir, 'restore-drill-'));
  try {
    const file = path.join(folder, 'backup.age');
    const meter = new Meter();
    log.progress(`${label}: fetching ${location(config.s3, object.key)} (backup of ${manifest.created})`);
    await downloadToFile(client, config.s3, object.key, file, meter);
    if (meter.bytes !== object.bytes || meter.sha256() !== object.sha256) {
      throw new OperationError(`checksum mismatch: ${location(config.s3, object.key)} has ${meter.bytes} bytes with SHA-256 ${meter.sha256()}, the manifest records ${object.bytes} bytes with ${object.sha256}; the object was altered or damaged.`);
    }
    let plaintext: Readable;
    try {
      plaintext = await decryptStream(createReadStream(file), config.identities);
    } catch (err) {
      if (err instanceof AgeError) {
        throw new OperationError(`BACKUP_AGE_IDENTITY_FILE cannot decrypt ${location(config.s3, object.key)} (${err.message}); it was encrypted for ${manifest.encryption.recipients.join(', ')}.`);
      }
      throw err;
    }
    try {
      await consume(plaintext);
    } finally {
      plaintext.destroy();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
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
