/**
 * Case 19: the runner stopped by a signal (pod eviction, a Job's
 * activeDeadlineSeconds) mid-upload. A real child process backs up a real
 * PostgreSQL database big enough for a multipart upload, through a proxy
 * that holds the parts in flight; the test sends SIGTERM once a part is on
 * the wire and checks what is left: no parts, no manifest, an alert, exit 143.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { main } from '../../backup/cli';
import { startHoldingProxy } from './helpers/holding-proxy';
import { runCli } from './helpers/runner';
import { type ShopBed, startShopBed } from './helpers/shop';
import { compiledArgs } from '../support/compiled';

const BUCKET = 'eu-backups';
/** This file's own database on the run's shared PostgreSQL server. */
const SHOP_DATABASE = 'shop-eu-signals';
/** Upload parts of S3's smallest size (BACKUP_PART_SIZE_MIB), so a small database already needs a multipart upload. */
const PART_SIZE_MIB = 5;
/** Random bytes do not compress: this many MiB give a dump above one part, so the upload is multipart. */
const BLOB_MIB = 6;

let bed: ShopBed | undefined;
let webhook: Server;
let webhookUrl: string;
const alerts: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  bed = await startShopBed(BUCKET, SHOP_DATABASE, 'backup-signals-test-');
  const pg = new Client({ host: bed.pg.host, port: bed.pg.port, user: bed.pg.user, password: bed.pg.password, database: SHOP_DATABASE });
  await pg.connect();
  try {
    await pg.query('CREATE TABLE blobs (id serial PRIMARY KEY, data bytea)');
    for (let i = 0; i < BLOB_MIB; i += 1) await pg.query('INSERT INTO blobs (data) VALUES ($1)', [randomBytes(1024 * 1024)]);
  } finally {
    await pg.end();
  }
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      alerts.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
  await bed?.stop();
});

beforeEach(() => {
  alerts.length = 0;
});

test('case 19: SIGTERM mid-upload aborts the multipart upload, alerts, writes no manifest and exits 143', async () => {
  const { s3, env } = bed as ShopBed;
  const proxy = await startHoldingProxy(s3.endpoint, s3.directory, BUCKET);
  try {
    const child = spawn(process.execPath, compiledArgs('backup/cli.ts', 'run'), {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...env, BACKUP_PREFIX: 'evicted', BACKUP_PART_SIZE_MIB: String(PART_SIZE_MIB), AWS_ENDPOINT_URL_S3: proxy.endpoint, ALERT_WEBHOOK_URL: webhookUrl, HOSTNAME: 'backup-pod' } as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

    const first = await Promise.race([proxy.partHeld.then(() => 'part'), exited.then(() => 'exited')]);
    expect({ first, stderr }).toEqual({ first: 'part', stderr: expect.any(String) });
    // A multipart upload is open at the store, with parts in flight.
    expect([...proxy.openUploads().keys()]).toEqual([expect.stringMatching(/^evicted\/shop-eu-signals\/.*\/dump\.pgcustom\.age$/)]);
    child.kill('SIGTERM');
    const { code, signal } = await exited;

    expect({ code, signal }).toEqual({ code: 143, signal: null });
    expect(stderr).toMatch(/backup: error: received SIGTERM: stopping run/);
    expect(stderr).toMatch(/backup: error: database "shop-eu-signals": backup failed, no manifest written: upload of s3:\/\/eu-backups\/evicted\/.* stopped by SIGTERM: the multipart upload was aborted, no parts are left/);
    expect(JSON.parse(stdout.trim())).toMatchObject({ event: 'backup.run', status: 'failed' });
    expect(alerts).toEqual([expect.objectContaining({ source: 'tom-backup', host: 'backup-pod', command: 'run', exitCode: 143, message: expect.stringMatching(/^run was stopped by SIGTERM/) })]);
    expect(proxy.aborted).toHaveLength(1);
    expect(proxy.openUploads().size).toBe(0);
    expect(await s3.keys(BUCKET, 'evicted/')).toEqual([]);
  } finally {
    await proxy.close();
  }
}, 60_000);

test('case 19 sibling: a stop before the dump starts (SIGINT) stores nothing, alerts and returns 130', async () => {
  const { s3, env } = bed as ShopBed;
  const result = await main(['run'], { ...env, BACKUP_PREFIX: 'interrupted', ALERT_WEBHOOK_URL: webhookUrl }, silentLog(), AbortSignal.abort('SIGINT'));

  expect(result).toBe(130);
  expect(alerts).toEqual([expect.objectContaining({ command: 'run', exitCode: 130, message: expect.stringMatching(/^run was stopped by SIGINT/) })]);
  expect(await s3.keys(BUCKET, 'interrupted/')).toEqual([]);
});

test('case 19 sibling: rotation stopped by SIGTERM deletes nothing more and returns 143', async () => {
  const { s3, env, tmp } = bed as ShopBed;
  // A small file-only backup (the database here is big on purpose), and an old incomplete upload this rotation would delete.
  const filesEnv = { ...env, PGDATABASE: undefined, BACKUP_PATHS: path.join(tmp, 'identity.txt'), BACKUP_PATHS_NAME: 'uploads', BACKUP_PREFIX: 'rotation-stopped' };
  expect((await runCli(['run', '--now', '2025-01-01T02:00:00Z'], filesEnv)).code).toBe(0);
  const stale = 'rotation-stopped/uploads/2024-01-01T02-00-00Z/files.tar.age';
  await s3.put(BUCKET, stale, 'partial');
  const before = await s3.keys(BUCKET, 'rotation-stopped/');
  expect((await runCli(['rotate', '--dry-run'], filesEnv)).summaries).toEqual([expect.objectContaining({ deleted: ['rotation-stopped/uploads/2024-01-01T02-00-00Z/'] })]);

  const result = await main(['rotate'], { ...filesEnv, ALERT_WEBHOOK_URL: webhookUrl }, silentLog(), AbortSignal.abort('SIGTERM'));

  expect(result).toBe(143);
  expect(alerts).toEqual([expect.objectContaining({ command: 'rotate', exitCode: 143 })]);
  expect(await s3.keys(BUCKET, 'rotation-stopped/')).toEqual(before);
});

function silentLog() {
  return { progress: () => undefined, error: () => undefined, summary: () => undefined };
}
