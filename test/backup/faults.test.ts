/**
 * What goes wrong, for real: S3 dropping mid-upload, pg_dump dying half-way,
 * PostgreSQL or the bucket missing, the wrong age key, a damaged object, a
 * restore that does not match. Each must fail loudly, with one clear line,
 * and never leave something that looks like a complete backup.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateKeyPair } from '../../backup/age';
import { startCuttingProxy } from './helpers/cutting-proxy';
import { freePort, type TestPostgres } from './helpers/postgres';
import { runCli, writeIdentityFile } from './helpers/runner';
import { type ShopBed, startShopBed } from './helpers/shop';
import type { TestS3 } from './helpers/s3';

const BUCKET = 'eu-backups';
/** This file's own database (and drill targets, below) on the run's shared PostgreSQL server. */
const SHOP_DATABASE = 'shop-eu-faults';
let pg: TestPostgres;
let s3: TestS3;
let tmp: string;
let wrongIdentityFile: string;
let baseEnv: Record<string, string | undefined>;

let bed: ShopBed | undefined;

beforeAll(async () => {
  const [started, otherKeys] = await Promise.all([startShopBed(BUCKET, SHOP_DATABASE, 'backup-faults-test-'), generateKeyPair()]);
  bed = started;
  ({ pg, s3, tmp, env: baseEnv } = bed);
  wrongIdentityFile = writeIdentityFile(tmp, 'other-identity.txt', otherKeys.identity);
}, 60_000);

afterAll(() => bed?.stop());

/** Env for one test: its own prefix (and drill target), so tests do not see each other's backups. */
const envFor = (prefix: string, extra: Record<string, string | undefined> = {}) => ({ ...baseEnv, BACKUP_PREFIX: prefix, RESTORE_PGDATABASE: `faults_drill_${prefix}`, ...extra });

async function backUp(prefix: string): Promise<string> {
  const result = await runCli(['run', '--now', '2025-04-01T02:00:00Z'], envFor(prefix));
  expect(result.code).toBe(0);
  return `${prefix}/shop-eu-faults/2025-04-01T02-00-00Z/`;
}

describe('run', () => {
  test('S3 going down mid-upload: exit 1, and no manifest', async () => {
    const proxy = await startCuttingProxy(Number(new URL(s3.endpoint).port), 8 * 1024);
    try {
      const result = await runCli(['run'], envFor('cut', { AWS_ENDPOINT_URL_S3: proxy.endpoint }));

      await proxy.cut;
      expect(result.code).toBe(1);
      expect(result.errors).toEqual([expect.stringMatching(/^database "shop-eu-faults": backup failed, no manifest written: upload of s3:\/\/eu-backups\/cut\/.* failed: cannot reach the S3 endpoint/)]);
      expect(result.summaries).toEqual([expect.objectContaining({ event: 'backup.run', status: 'failed' })]);
      expect((await s3.keys(BUCKET, 'cut/')).filter((key) => key.endsWith('manifest.json'))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  test('pg_dump dying half-way: exit 1 with its own message, and nothing stored', async () => {
    const fakeBin = path.join(tmp, 'fake-bin');
    const script = path.join(fakeBin, 'pg_dump');
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(script, [
      '#!/bin/sh',
      '[ "$1" = "--version" ] && { echo "pg_dump (fake) 0"; exit 0; }',
      'printf PGDMP; head -c 300000 /dev/urandom',
      'echo "pg_dump: error: simulated crash while dumping" >&2',
      'exit 1',
    ].join('\n'));
    chmodSync(script, 0o755);

    const result = await runCli(['run'], envFor('crash', { PG_BIN_DIR: fakeBin }));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/pg_dump of database "shop-eu-faults" failed \(exit 1\): pg_dump: error: simulated crash while dumping/)]);
    expect(await s3.keys(BUCKET, 'crash/')).toEqual([]);
  });

  test('PostgreSQL down: exit 1 naming the server, and nothing stored', async () => {
    const port = await freePort();
    const result = await runCli(['run'], envFor('pgdown', { PGPORT: String(port) }));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining(`cannot connect to PostgreSQL at 127.0.0.1:${port} as "postgres", database "shop-eu-faults": connection refused`)]);
    expect(await s3.keys(BUCKET, 'pgdown/')).toEqual([]);
  });

  test('bucket missing: exit 1 naming the bucket', async () => {
    const result = await runCli(['run'], envFor('nobucket', { BACKUP_BUCKET: 'missing-bucket' }));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('bucket "missing-bucket" does not exist at http://127.0.0.1:')]);
  });
});

describe('restore-drill', () => {
  const targetExists = async (name: string): Promise<boolean> =>
    (await pg.query('postgres', `SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;

  test('wrong age key: exit 1 naming the identity file, before any database is touched', async () => {
    await backUp('wrongkey');

    const result = await runCli(['restore-drill'], envFor('wrongkey', { BACKUP_AGE_IDENTITY_FILE: wrongIdentityFile }));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/BACKUP_AGE_IDENTITY_FILE cannot decrypt s3:\/\/eu-backups\/wrongkey\/.* \(no identity matched any of the file's recipients\); it was encrypted for age1/)]);
    expect(await targetExists('faults_drill_wrongkey')).toBe(false);
  });

  test('an altered object fails the checksum before decryption', async () => {
    const folder = await backUp('altered');
    const object = await s3.get(BUCKET, `${folder}dump.pgcustom.age`);
    object[object.length - 1] ^= 0xff;
    await s3.put(BUCKET, `${folder}dump.pgcustom.age`, object);

    const result = await runCli(['restore-drill'], envFor('altered'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/checksum mismatch: .* the object was altered or damaged/)]);
  });

  test('a restore that does not match the dumped row counts fails, naming the table', async () => {
    const folder = await backUp('mismatch');
    const manifest = JSON.parse((await s3.get(BUCKET, `${folder}manifest.json`)).toString('utf8'));
    manifest.tables.find((table: { table: string }) => table.table === 'customers').rows += 1;
    await s3.put(BUCKET, `${folder}manifest.json`, JSON.stringify(manifest));

    const result = await runCli(['restore-drill'], envFor('mismatch'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('public.customers has 501 rows in the backup manifest but 500 in the restored database')]);
  });

  test('a target database the drill did not create is never replaced', async () => {
    await backUp('guarded');
    await pg.query('postgres', 'CREATE DATABASE faults_drill_guarded');

    const result = await runCli(['restore-drill'], envFor('guarded'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('restore target database "faults_drill_guarded" already exists and was not created by a restore drill')]);
  });

  test('no complete backup: exit 1 saying where it looked', async () => {
    await s3.put(BUCKET, 'empty/shop-eu-faults/2025-04-01T02-00-00Z/dump.pgcustom.age', 'incomplete upload');
    const result = await runCli(['restore-drill'], envFor('empty'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('no complete backup of database "shop-eu-faults" under s3://eu-backups/empty/shop-eu-faults/')]);
  });
});

