/**
 * Rotation against a real S3-compatible server, with backups made by the
 * runner itself (file-only jobs, so no PostgreSQL is needed here) and an
 * injected clock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKeyPair } from '../../backup/age';
import { runCli } from './helpers/runner';
import { startS3, type TestS3 } from './helpers/s3';
import { closeAgeWorkers } from '../../backup/age';

const BUCKET = 'eu-backups';
const DATA = 'files.tar.age';
const NOW = '2025-03-31T03:00:00Z';
const daysBefore = (days: number): string => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const folder = (days: number): string => `rotation/uploads/${daysBefore(days).replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}/`;

let s3: TestS3;
let tmp: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'backup-rotate-test-'));
  writeFileSync(path.join(tmp, 'invoice.txt'), 'invoice 1');
  const [store, keys] = await Promise.all([startS3([BUCKET]), generateKeyPair()]);
  s3 = store;
  env = {
    PATH: process.env.PATH, ...s3.env, AWS_MAX_ATTEMPTS: '1', BACKUP_BUCKET: BUCKET, BACKUP_PREFIX: 'rotation',
    BACKUP_PATHS: tmp, BACKUP_PATHS_NAME: 'uploads', BACKUP_AGE_RECIPIENTS: keys.recipient,
  };
  for (const days of [20, 10, 2]) {
    expect((await runCli(['run', '--now', daysBefore(days)], env)).code).toBe(0);
  }
  // An upload that died 30 days ago, one still in progress, an unreadable manifest,
  // a foreign file, and a look-alike prefix holding a real (old) manifest.
  await s3.put(BUCKET, `${folder(30)}${DATA}`, 'partial');
  await s3.put(BUCKET, `${folder(0)}${DATA}`, 'in progress');
  await s3.put(BUCKET, `${folder(25)}manifest.json`, 'not json');
  await s3.put(BUCKET, 'rotation/README.txt', 'not a backup');
  await s3.put(BUCKET, 'rotation-archive/uploads/2020-01-01T00-00-00Z/manifest.json', await s3.get(BUCKET, `${folder(20)}manifest.json`));
}, 60_000);

afterAll(async () => {
  await s3?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('--dry-run reports what it would delete and deletes nothing', async () => {
  const before = await s3.keys(BUCKET);
  const result = await runCli(['rotate', '--dry-run', '--now', NOW], env);
  expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', dryRun: true, deleted: [folder(30), folder(20)] })]);
  expect(await s3.keys(BUCKET)).toEqual(before);
});

test('keeps exactly the backups inside 14 days, uploads in progress, unreadable manifests and foreign keys', async () => {
  const result = await runCli(['rotate', '--now', NOW], env);

  expect(result.code).toBe(0);
  expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', retentionDays: 14, deleted: [folder(30), folder(20)], unreadable: 1 })]);
  expect(result.errors).toEqual([expect.stringMatching(/manifest cannot be read \(not JSON\)/)]);
  expect(await s3.keys(BUCKET)).toEqual([
    `${folder(25)}manifest.json`, `${folder(10)}${DATA}`, `${folder(10)}manifest.json`, `${folder(2)}${DATA}`, `${folder(2)}manifest.json`,
    `${folder(0)}${DATA}`, 'rotation-archive/uploads/2020-01-01T00-00-00Z/manifest.json', 'rotation/README.txt',
  ].sort());
});

test('a clock far behind deletes nothing', async () => {
  const result = await runCli(['rotate', '--now', '2020-01-01T00:00:00Z'], env);
  expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', deleted: [] })]);
});

test('a clock far ahead still keeps the newest complete backup (and the upload newer than it)', async () => {
  const result = await runCli(['rotate'], { ...env, BACKUP_NOW: '2026-01-01T00:00:00Z', BACKUP_RETENTION_DAYS: '14' });

  expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', retentionDays: 14, deleted: [folder(10)] })]);
  expect((await s3.keys(BUCKET, 'rotation/')).filter((key) => !key.includes(folder(25)))).toEqual(
    [`${folder(2)}${DATA}`, `${folder(2)}manifest.json`, `${folder(0)}${DATA}`, 'rotation/README.txt'].sort(),
  );
});

test('a missing bucket fails the rotation with a clear message', async () => {
  const result = await runCli(['rotate', '--now', NOW], { ...env, BACKUP_BUCKET: 'no-such-bucket' });
  expect(result.code).toBe(1);
  expect(result.errors).toEqual([expect.stringMatching(/bucket "no-such-bucket" does not exist/)]);
});

// Pooled age worker threads would otherwise outlive the file in this jest worker.
afterAll(closeAgeWorkers);
