/**
 * The two things a backup can read: a PostgreSQL database (pg_dump, custom
 * format, compressed) and a set of file paths (tar). Both give a plaintext
 * stream plus what the manifest needs to say about them.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { FilesSource, RunConfig } from './config';
import type { OperationError } from './errors';
import { FILES_NAME, DUMP_NAME, databaseSegment, filesSourceSegment } from './keys';
import type { ManifestObject, ManifestSource, TableCount } from './manifest';
import { connect, countRows, dbnameArgument, exportSnapshot, libpqEnv, serverVersion } from './postgres';
import { spawnProducer } from './streams';
import { findPgTool, findTar, toolVersion } from './tools';

export interface DumpJob {
  /** Folder name under the prefix. */
  readonly segment: string;
  readonly label: string;
  readonly objectName: string;
  readonly role: ManifestObject['role'];
  start(): Promise<RunningDump>;
}

export interface RunningDump {
  readonly stream: Readable;
  readonly source: ManifestSource;
  readonly dumper: string;
  /** Why the dump tool failed, if it did (preferred over the downstream symptom). */
  failure(): OperationError | undefined;
  /** After the stream ended: row counts of the dumped snapshot (databases only). */
  finish(): Promise<TableCount[] | undefined>;
  /** Releases the database session; safe to call more than once, also after a failure. */
  close(): Promise<void>;
}

export function databaseJob(config: RunConfig, database: string): DumpJob {
  return {
    segment: databaseSegment(database),
    label: `database "${database}"`,
    objectName: DUMP_NAME,
    role: 'pg_dump',
    async start() {
      const pgDump = findPgTool('pg_dump', config.env);
      const client = await connect(config.source, database);
      let closed = false;
      const close = async (): Promise<void> => {
        if (closed) return;
        closed = true;
        await client.end().catch(() => undefined);
      };
      try {
        // pg_dump imports this transaction's snapshot, and the row counts
        // below run inside it: they describe exactly the dumped data.
        const snapshot = await exportSnapshot(client);
        const [version, dumper] = await Promise.all([serverVersion(client), toolVersion(pgDump)]);
        const producer = spawnProducer(
          pgDump,
          ['--format=custom', `--snapshot=${snapshot}`, '--no-password', dbnameArgument(database)],
          libpqEnv(config.source, config.env),
          `pg_dump of database "${database}"`,
        );
        const counts = countRows(client);
        counts.catch(() => undefined);
        return {
          stream: producer.stream,
          source: { kind: 'postgres', host: config.source.host, port: config.source.port, database, serverVersion: version },
          dumper,
          failure: producer.failure,
          async finish() {
            const tables = await counts;
            await client.query('COMMIT');
            await close();
            return tables;
          },
          close,
        };
      } catch (err) {
        await close();
        throw err;
      }
    },
  };
}

/** GNU tar exits 1 when a file changed while it was read: the archive is still usable, as with any live file system. */
const TAR_OK_EXIT_CODES = [0, 1];

export function filesJob(config: RunConfig, files: FilesSource): DumpJob {
  return {
    segment: filesSourceSegment(files.name),
    label: `file archive "${files.name}"`,
    objectName: FILES_NAME,
    role: 'files_tar',
    async start() {
      const tar = findTar(config.env);
      // Members are stored relative to "/" so a restore can choose where they land.
      const members = files.paths.map((entry) => path.relative('/', entry) || '.');
      const producer = spawnProducer(tar, ['--create', '--file=-', '--directory=/', '--', ...members], config.env, `tar of BACKUP_PATHS (${files.name})`, TAR_OK_EXIT_CODES);
      return {
        stream: producer.stream,
        source: { kind: 'files', name: files.name, host: os.hostname(), paths: [...files.paths] },
        dumper: await toolVersion(tar),
        failure: producer.failure,
        finish: async () => undefined,
        close: async () => undefined,
      };
    },
  };
}
