/**
 * The runner against a real PostgreSQL and a real S3-compatible server on
 * 127.0.0.1: backup → ciphertext only in the bucket → restore drill gives
 * the same data. Rotation: rotate.test.ts; failures: faults.test.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseManifest, type BackupManifest } from '../../backup/manifest';
import type { TestPostgres } from './helpers/postgres';
import { runCli } from './helpers/runner';
import { type ShopBed, startShopBed } from './helpers/shop';
import type { TestS3 } from './helpers/s3';
import { PLAINTEXT_MARKER, SHOP_TABLES, fingerprint } from './fixtures';
import { compiledArgs } from '../support/compiled';

const BUCKET = 'eu-backups';
const DUMP = 'dump.pgcustom.age';
/** This file's own database on the run's shared PostgreSQL server. */
const SHOP_DATABASE = 'shop-eu-roundtrip';
let pg: TestPostgres;
let s3: TestS3;
let tmp: string;
let env: Record<string, string | undefined>;

let bed: ShopBed | undefined;

beforeAll(async () => {
  bed = await startShopBed(BUCKET, SHOP_DATABASE, 'backup-test-', { BACKUP_PREFIX: 'nightly' });
  ({ pg, s3, tmp, env } = bed);
}, 60_000);

afterAll(() => bed?.stop());

async function manifestAt(key: string): Promise<BackupManifest> {
  const parsed = parseManifest((await s3.get(BUCKET, key)).toString('utf8'));
  if (!('manifest' in parsed)) throw new Error(`bad manifest ${key}: ${parsed.problem}`);
  return parsed.manifest;
}

describe('run', () => {
  test('stores one age ciphertext object, then a manifest with checksum and row counts', async () => {
    const result = await runCli(['run', '--now', '2025-03-01T02:00:00Z'], env);

    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    const folder = 'nightly/shop-eu-roundtrip/2025-03-01T02-00-00Z/';
    expect(await s3.keys(BUCKET)).toEqual([`${folder}${DUMP}`, `${folder}manifest.json`]);
    expect(result.summaries).toEqual([expect.objectContaining({ event: 'backup.run', status: 'ok', key: `${folder}${DUMP}`, bytes: expect.any(Number), durationMs: expect.any(Number) })]);

    const object = await s3.get(BUCKET, `${folder}${DUMP}`);
    expect(object.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    // The custom-format header, the table of contents and the rows are all plaintext in an unencrypted dump.
    for (const plaintext of ['PGDMP', 'CREATE TABLE', 'customers', PLAINTEXT_MARKER]) {
      expect(object.includes(Buffer.from(plaintext))).toBe(false);
    }

    const manifest = await manifestAt(`${folder}manifest.json`);
    expect(manifest.objects).toEqual([{ key: `${folder}${DUMP}`, role: 'pg_dump', bytes: object.length, sha256: createHash('sha256').update(object).digest('hex'), plaintextBytes: expect.any(Number) }]);
    expect(manifest.tables?.map((table) => [`${table.schema}.${table.table}`, table.rows])).toEqual([
      ['audit.Event Log', 300], ['public.customers', 500], ['public.empty_table', 0], ['public.orders', 2000],
    ]);
    expect(manifest).toMatchObject({ created: '2025-03-01T02:00:00.000Z', source: { kind: 'postgres', database: SHOP_DATABASE, port: pg.port }, tool: { name: 'eu-tom-kit-backup', dumper: expect.stringMatching(/^pg_dump/) } });
    expect(await s3.metadata(BUCKET, `${folder}${DUMP}`)).toMatchObject({ created: '2025-03-01T02:00:00.000Z', encryption: 'age', source: `postgres://127.0.0.1:${pg.port}/${SHOP_DATABASE}` });
  });

  test('refuses to overwrite a complete backup with the same stamp', async () => {
    const result = await runCli(['run', '--now', '2025-03-01T02:00:00Z'], env);
    expect(result.code).toBe(1);
    expect(result.errors.join('\n')).toMatch(/already exists/);
  });
});

describe('restore-drill', () => {
  test('restores the newest complete backup into a fresh database with the same data', async () => {
    await pg.query(SHOP_DATABASE, `INSERT INTO customers (name) SELECT 'late-' || g FROM generate_series(1, 10) g`);
    expect((await runCli(['run', '--now', '2025-03-02T02:00:00Z'], env)).code).toBe(0);

    const result = await runCli(['restore-drill'], env);

    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.summaries).toEqual([expect.objectContaining({
      event: 'backup.restore-drill', status: 'ok', key: `nightly/shop-eu-roundtrip/2025-03-02T02-00-00Z/${DUMP}`, restoredInto: 'shop-eu-roundtrip_restore_drill',
      tables: SHOP_TABLES.length, rows: 300 + 510 + 2000, liveSource: 'compared', liveDrift: [],
    })]);
    expect(await fingerprint(pg, 'shop-eu-roundtrip_restore_drill')).toBe(await fingerprint(pg, SHOP_DATABASE));
  });

  test('replaces its own earlier target, and reports rows written since the backup as drift', async () => {
    await pg.query(SHOP_DATABASE, `INSERT INTO customers (name) VALUES ('after-the-backup')`);

    const result = await runCli(['restore-drill'], env);

    expect(result.code).toBe(0);
    expect(result.summaries[0]?.liveDrift).toEqual(['public.customers has 510 rows in the restored database but 511 in the live source']);
  });
});

describe('file paths', () => {
  test('are archived with tar, encrypted, and drilled by listing the archive', async () => {
    const files = path.join(tmp, 'uploads');
    mkdirSync(path.join(files, 'invoices'), { recursive: true });
    writeFileSync(path.join(files, 'invoices', 'a.pdf'), `${PLAINTEXT_MARKER} invoice`);
    const withFiles = { ...env, PGDATABASE: undefined, BACKUP_PREFIX: 'with-files', BACKUP_PATHS: files, BACKUP_PATHS_NAME: 'uploads' };

    const backup = await runCli(['run', '--now', '2025-03-03T02:00:00Z'], withFiles);
    const drill = await runCli(['restore-drill'], withFiles);

    expect(backup.code).toBe(0);
    const archive = await s3.get(BUCKET, `with-files/uploads/2025-03-03T02-00-00Z/files.tar.age`);
    expect(archive.includes(Buffer.from(PLAINTEXT_MARKER))).toBe(false);
    expect(drill.errors).toEqual([]);
    expect(drill.summaries).toEqual([expect.objectContaining({ source: 'file archive "uploads"', status: 'ok', entries: 3 })]);
  });
});

describe('command line', () => {
  const cli = (args: string[], childEnv: Record<string, string | undefined>) =>
    promisify(execFile)(process.execPath, compiledArgs('backup/cli.ts', ...args), {
      cwd: path.join(__dirname, '..', '..'), env: childEnv as NodeJS.ProcessEnv,
    }).then((out) => ({ code: 0, ...out }), (err: { code: number; stdout: string; stderr: string }) => err);

  test('a real process backs up and prints one JSON summary line', async () => {
    const result = await cli(['run', '--now=2025-03-05T02:00:00Z'], { ...env, BACKUP_PREFIX: 'spawned' });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ event: 'backup.run', status: 'ok', key: `spawned/shop-eu-roundtrip/2025-03-05T02-00-00Z/${DUMP}` });
    expect(result.stderr).toMatch(/backup: database "shop-eu-roundtrip": done/);
  });
});

