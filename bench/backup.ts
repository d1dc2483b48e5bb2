/**
 * Backup and restore time for a ~100 MB PostgreSQL database on this machine.
 * Run by hand: `npx ts-node --transpile-only bench/backup.ts [target MB]`.
 *
 * It starts the same throwaway PostgreSQL and s3rver as the tests (both on
 * 127.0.0.1, so no network cost is included), fills one database to the
 * target size, then times the real CLI, each as its own process:
 * `backup run` (pg_dump → age → SHA-256 → S3 → manifest) and
 * `backup restore-drill` (download → checksum → decrypt → pg_restore into a
 * fresh database → row counts compared with the manifest and the source).
 * As baselines it also times bare `pg_dump -Fc` to a local file and bare
 * `pg_restore` of that file, so the runner's own cost is the difference.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPair } from '../backup/age';
import { libpqEnv } from '../backup/postgres';
import { findPgTool } from '../backup/tools';
import { startPostgres, type TestPostgres } from '../test/backup/helpers/postgres';
import { runnerEnv, writeIdentityFile } from '../test/backup/helpers/runner';
import { startS3 } from '../test/backup/helpers/s3';

const DATABASE = 'bench';
const BUCKET = 'bench-backups';
/** Bytes one generated row takes on disk incl. its index entry, measured with PostgreSQL 15; the catalog adds ~7 MB. */
const BYTES_PER_ROW = 200;

async function main(): Promise<void> {
  const targetMb = Number(process.argv[2] ?? 100);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'backup-bench-'));
  const [pg, s3, keys] = await Promise.all([startPostgres(), startS3([BUCKET]), generateKeyPair()]);
  try {
    await pg.query('postgres', `CREATE DATABASE ${DATABASE}`);
    const rows = Math.round((targetMb * 1024 * 1024) / BYTES_PER_ROW);
    const fillStarted = performance.now();
    await pg.query(DATABASE, `
      CREATE TABLE events (id bigint PRIMARY KEY, customer_id int NOT NULL, created timestamptz NOT NULL, kind text NOT NULL, payload text NOT NULL);
      INSERT INTO events
      SELECT g, g % 5000, timestamptz '2025-01-01' + g * interval '1 second', (ARRAY['order', 'login', 'refund', 'mail'])[1 + g % 4],
             md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text)
        FROM generate_series(1, ${rows}) g;
      ANALYZE events;`);
    const size = await pg.query<{ bytes: string }>(DATABASE, `SELECT pg_database_size('${DATABASE}') AS bytes`);
    const databaseBytes = Number(size[0]?.bytes);
    log(`filled ${DATABASE}: ${rows} rows, ${mib(databaseBytes)} on disk, in ${seconds(performance.now() - fillStarted)}`);

    const env = runnerEnv(pg, s3, {
      PGDATABASE: DATABASE, BACKUP_BUCKET: BUCKET, BACKUP_PREFIX: 'bench', BACKUP_AGE_RECIPIENTS: keys.recipient,
      BACKUP_AGE_IDENTITY_FILE: writeIdentityFile(tmp, 'identity.txt', keys.identity), TMPDIR: tmp, AWS_MAX_ATTEMPTS: '3',
    });
    const baseline = await baselines(pg, tmp);
    const backup = await timedCli(['run'], env);
    const drill = await timedCli(['restore-drill'], env);
    const result = {
      databaseBytes, rows, baseline,
      // seconds: the whole process (ts-node start-up included; the image runs compiled JS);
      // runnerSeconds: the runner's own measurement from its JSON summary.
      backup: { seconds: backup.seconds, runnerSeconds: runnerSeconds(backup.summary), plaintextBytes: backup.summary.plaintextBytes, storedBytes: backup.summary.bytes },
      restoreDrill: { seconds: drill.seconds, runnerSeconds: runnerSeconds(drill.summary), status: drill.summary.status },
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`,
    };
    log(`baseline: pg_dump -Fc to a file ${baseline.pgDumpSeconds} s, pg_restore of it ${baseline.pgRestoreSeconds} s`);
    log(`backup run: ${result.backup.seconds} s, ${result.backup.runnerSeconds} s inside the runner (dump ${mib(Number(result.backup.plaintextBytes))}, stored ${mib(Number(result.backup.storedBytes))})`);
    log(`restore drill: ${result.restoreDrill.seconds} s, ${result.restoreDrill.runnerSeconds} s inside the runner (${result.restoreDrill.status})`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await Promise.all([pg.stop(), s3.stop()]);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Bare pg_dump to a local file and pg_restore of it into a new database: what any backup costs at least. */
async function baselines(pg: TestPostgres, tmp: string): Promise<{ pgDumpSeconds: number; pgRestoreSeconds: number }> {
  const env = libpqEnv(pg, { PATH: process.env.PATH }) as NodeJS.ProcessEnv;
  const file = path.join(tmp, 'baseline.dump');
  let started = performance.now();
  await promisify(execFile)(findPgTool('pg_dump', env), ['--format=custom', `--file=${file}`, `--dbname=${DATABASE}`], { env });
  const pgDumpSeconds = secondsSince(started);
  await pg.query('postgres', 'CREATE DATABASE baseline_restore');
  started = performance.now();
  await promisify(execFile)(findPgTool('pg_restore', env), ['--no-owner', '--no-acl', '--exit-on-error', '--dbname=baseline_restore', file], { env });
  const pgRestoreSeconds = secondsSince(started);
  await pg.query('postgres', 'DROP DATABASE baseline_restore');
  rmSync(file);
  return { pgDumpSeconds, pgRestoreSeconds };
}

/** Runs the CLI as its own process (as the cluster does) and returns its wall time and JSON summary. */
async function timedCli(args: string[], env: Record<string, string | undefined>): Promise<{ seconds: number; summary: Record<string, unknown> }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(__dirname, '..', 'backup', 'cli.ts'), ...args], {
    env: env as NodeJS.ProcessEnv, maxBuffer: 16 * 1024 * 1024,
  }).catch((err: { stdout?: string; stderr?: string }) => {
    throw new Error(`backup ${args.join(' ')} failed: ${err.stderr ?? ''}${err.stdout ?? ''}`);
  });
  const seconds = secondsSince(started);
  return { seconds, summary: JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown> };
}

const runnerSeconds = (summary: Record<string, unknown>): number => Number((Number(summary.durationMs) / 1000).toFixed(1));
const secondsSince = (started: number): number => Number(((performance.now() - started) / 1000).toFixed(1));
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
