/**
 * Hostile input and faults around time, retention, tampering and terminal
 * output, against a real PostgreSQL and a real S3-compatible server. Each
 * test names the case of the hardening issue it covers; siblings of the same
 * class sit beside it.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { main } from '../../backup/cli';
import { consoleLog } from '../../backup/log';
import { runCli } from './helpers/runner';
import { type ShopBed, startShopBed } from './helpers/shop';
import type { TestS3 } from './helpers/s3';

const BUCKET = 'eu-backups';
const DUMP = 'dump.pgcustom.age';
const DAY_MS = 86_400_000;
/** This file's own database (and drill targets, below) on the run's shared PostgreSQL server. */
const SHOP_DATABASE = 'shop-eu-hardening';
let s3: TestS3;
let baseEnv: Record<string, string | undefined>;
let bed: ShopBed | undefined;

beforeAll(async () => {
  bed = await startShopBed(BUCKET, SHOP_DATABASE, 'backup-hardening-test-');
  ({ s3, env: baseEnv } = bed);
}, 60_000);

afterAll(() => bed?.stop());

/** Env for one test: its own prefix and drill target, so tests do not see each other's backups. */
const envFor = (prefix: string, extra: Record<string, string | undefined> = {}) => ({ ...baseEnv, BACKUP_PREFIX: prefix, RESTORE_PGDATABASE: `hardening_drill_${prefix}`, ...extra });
const folderOf = (prefix: string, stamp: string) => `${prefix}/${SHOP_DATABASE}/${stamp}/`;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

async function backUp(prefix: string, now: string): Promise<string> {
  const result = await runCli(['run', '--now', now], envFor(prefix));
  expect(result.errors).toEqual([]);
  expect(result.code).toBe(0);
  return folderOf(prefix, now.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-'));
}

/** Sets when the store "received" every object of a backup folder. */
async function writtenAt(folder: string, time: Date): Promise<void> {
  for (const key of await s3.keys(BUCKET, folder)) await s3.setLastModified(BUCKET, key, time);
}

describe('case 4: a backup stamped in the future never wins', () => {
  const prefix = 'clock';
  let first: string;
  let future: string;
  let second: string;

  beforeAll(async () => {
    first = await backUp(prefix, '2025-05-01T02:00:00Z');
    await writtenAt(first, daysAgo(3));
    // What an older runner on a node whose clock ran ahead left behind: a complete backup stamped 2099.
    future = folderOf(prefix, '2099-01-01T00-00-00Z');
    const manifest = JSON.parse((await s3.get(BUCKET, `${first}manifest.json`)).toString('utf8'));
    manifest.created = '2099-01-01T00:00:00.000Z';
    manifest.objects[0].key = `${future}${DUMP}`;
    await s3.put(BUCKET, `${future}${DUMP}`, await s3.get(BUCKET, `${first}${DUMP}`));
    await s3.put(BUCKET, `${future}manifest.json`, JSON.stringify(manifest));
    await writtenAt(future, daysAgo(2));
    second = await backUp(prefix, '2025-05-02T02:00:00Z');
  }, 60_000);

  test('case 4: run refuses a clock far ahead of the bucket, before anything is dumped or stored', async () => {
    const before = await s3.keys(BUCKET, `${prefix}/`);
    const result = await runCli(['run'], envFor(prefix, { BACKUP_NOW: '2099-06-01T00:00:00Z' }));

    expect(result.code).toBe(2);
    expect(result.errors).toEqual([expect.stringMatching(/^BACKUP_NOW reads 2099-06-01T00:00:00\.000Z, \d+ minutes ahead of the bucket's clock .* a backup stamped in the future would pass for the newest one .* Allowed: a time at most 5 minutes ahead/)]);
    expect(result.summaries).toEqual([]);
    expect(await s3.keys(BUCKET, `${prefix}/`)).toEqual(before);
  });

  test('case 4 sibling: ten minutes ahead is refused too (--now), whatever the stamp', async () => {
    const result = await runCli(['run', '--now', new Date(Date.now() + 10 * 60_000).toISOString()], envFor(prefix));
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([expect.stringMatching(/^--now reads .* ahead of the bucket's clock/)]);
  });

  test('case 4: the drill restores the backup written last, and flags the one stamped 2099', async () => {
    const result = await runCli(['restore-drill'], envFor(prefix));

    expect(result.code).toBe(0);
    expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', key: `${second}${DUMP}`, futureStamped: false })]);
    expect(result.errors).toEqual([expect.stringContaining(`s3://${BUCKET}/${future} is stamped 2099-01-01T00:00:00.000Z but the store received it at`)]);
  });

  test('case 4 sibling: rotation by a clock ahead of the bucket is refused; a dry run only warns', async () => {
    const before = await s3.keys(BUCKET, `${prefix}/`);
    const refused = await runCli(['rotate'], envFor(prefix, { BACKUP_NOW: '2099-06-01T00:00:00Z' }));
    const dryRun = await runCli(['rotate', '--dry-run'], envFor(prefix, { BACKUP_NOW: '2099-06-01T00:00:00Z' }));

    expect(refused.code).toBe(2);
    expect(refused.errors).toEqual([expect.stringMatching(/^BACKUP_NOW reads 2099-06-01.* rotating by it would count every backup as older than it is/)]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.errors).toEqual(expect.arrayContaining([expect.stringMatching(/ahead of the bucket's clock.*\(dry run: planned anyway, nothing is deleted\)$/)]));
    expect(await s3.keys(BUCKET, `${prefix}/`)).toEqual(before);
  });

  test('case 4: rotation keeps the backup written last, although its stamp is older than the window', async () => {
    const result = await runCli(['rotate'], envFor(prefix));

    expect(result.code).toBe(0);
    // The first is old and not the newest; the 2099 one counts from when it was written (2 days ago); the second is the newest.
    expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', retentionDays: 14, deleted: [first], futureStamped: 1 })]);
    expect(await s3.keys(BUCKET, `${prefix}/`)).toEqual([`${second}${DUMP}`, `${second}manifest.json`, `${future}${DUMP}`, `${future}manifest.json`].sort());
  });

  test('case 4 sibling: a future stamp ages out by when it was written, not by the stamp', async () => {
    await writtenAt(future, daysAgo(20));
    const result = await runCli(['rotate'], envFor(prefix));

    expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', deleted: [future] })]);
    expect(await s3.keys(BUCKET, `${prefix}/`)).toEqual([`${second}${DUMP}`, `${second}manifest.json`]);
  });
});

describe('case 6: rotate refuses a retention the config refuses', () => {
  const prefix = 'retention';
  let before: string[];

  beforeAll(async () => {
    // Backups from 2 and 1 days ago: a 1-day retention would delete the older one on a bucket without Object Lock.
    await backUp(prefix, daysAgo(2).toISOString());
    await backUp(prefix, daysAgo(1).toISOString());
    before = await s3.keys(BUCKET, `${prefix}/`);
  }, 60_000);

  test.each(['1', '13', '0', '197', '3650', '14abc', '', '   ', '-14', '14.5', '1e3', '+14', '0x0e', '99999999999999999999'])(
    'case 6: BACKUP_RETENTION_DAYS=%j exits 2 naming the bounds 14 to 196, and deletes nothing',
    async (value) => {
      const result = await runCli(['rotate'], envFor(prefix, { BACKUP_RETENTION_DAYS: value }));

      expect(result.code).toBe(2);
      expect(result.errors).toEqual([expect.stringMatching(/^BACKUP_RETENTION_DAYS=".*" is not allowed: it must be a whole number from 14 to 196 \(the bounds the config enforces/)]);
      expect(result.summaries).toEqual([]);
      expect(await s3.keys(BUCKET, `${prefix}/`)).toEqual(before);
    },
  );

  test.each(['14', '196'])('case 6: BACKUP_RETENTION_DAYS=%s, a bound itself, is accepted', async (value) => {
    const result = await runCli(['rotate'], envFor(prefix, { BACKUP_RETENTION_DAYS: value }));
    expect(result.code).toBe(0);
    expect(result.summaries).toEqual([expect.objectContaining({ status: 'ok', retentionDays: Number(value), deleted: [] })]);
  });
});

describe('case 18: an impossible date is refused, not shifted', () => {
  test('case 18: BACKUP_NOW=2025-02-30T00:00:00Z exits 2 saying what is allowed, and stores nothing', async () => {
    const result = await runCli(['run'], envFor('impossible', { BACKUP_NOW: '2025-02-30T00:00:00Z' }));

    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      'BACKUP_NOW="2025-02-30T00:00:00Z" is not allowed: it must be an ISO 8601 time YYYY-MM-DDTHH:mm[:ss[.fff]] with Z or an offset ±HH:mm, on a real calendar date, such as 2025-01-31T02:00:00Z.',
    ]);
    expect(await s3.keys(BUCKET, 'impossible/')).toEqual([]);
  });

  test.each([['rotate'], ['restore-drill'], ['run']])('case 18 sibling: %s --now 2025-02-29T12:00:00Z (not a leap year) exits 2', async (command) => {
    const result = await runCli([command, '--now', '2025-02-29T12:00:00Z'], envFor('impossible'));
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([expect.stringMatching(/^--now="2025-02-29T12:00:00Z" is not allowed: .* on a real calendar date/)]);
  });
});

describe('case 22: a tampered object whose manifest checksum was recomputed', () => {
  /** Rewrites the object with `tamper` and records its new size and SHA-256 in the manifest, as an attacker with write access would. */
  async function tamperWith(prefix: string, tamper: (object: Buffer) => Buffer): Promise<string> {
    const folder = await backUp(prefix, '2025-06-01T02:00:00Z');
    const key = `${folder}${DUMP}`;
    const object = tamper(await s3.get(BUCKET, key));
    const manifest = JSON.parse((await s3.get(BUCKET, `${folder}manifest.json`)).toString('utf8'));
    manifest.objects[0].bytes = object.length;
    manifest.objects[0].sha256 = createHash('sha256').update(object).digest('hex');
    await s3.put(BUCKET, key, object);
    await s3.put(BUCKET, `${folder}manifest.json`, JSON.stringify(manifest));
    return key;
  }

  test('case 22: a flipped payload byte names the object and says decryption authentication failed', async () => {
    const key = await tamperWith('tampered', (object) => {
      object[object.length - 200] ^= 0x01;
      return object;
    });

    const result = await runCli(['restore-drill'], envFor('tampered'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      expect.stringContaining(`restore drill failed: decryption authentication failed for s3://${BUCKET}/${key}: its data does not verify (invalid tag); the backup was modified after it was written or was not encrypted with the key it names.`),
    ]);
  });

  test('case 22 sibling: a truncated object (last chunk cut off) fails the same way', async () => {
    const key = await tamperWith('truncated', (object) => object.subarray(0, object.length - 100));
    const result = await runCli(['restore-drill'], envFor('truncated'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining(`decryption authentication failed for s3://${BUCKET}/${key}: its data does not verify`)]);
  });

  test('case 22 sibling: a modified header MAC is a tampered header, not a wrong key', async () => {
    const key = await tamperWith('header', (object) => {
      const mac = object.indexOf('\n--- ') + 6;
      object[mac] = object[mac] === 0x41 ? 0x42 : 0x41;
      return object;
    });
    const result = await runCli(['restore-drill'], envFor('header'));

    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining(`decryption authentication failed for s3://${BUCKET}/${key}: its header does not verify (invalid header HMAC)`)]);
  });
});

describe('case 21: names from the bucket cannot drive the terminal or the CI log', () => {
  test('case 21: a key with a line break, "::add-mask::", a C1 escape and a bidi override prints escaped', async () => {
    const evil = 'x\n::add-mask::secret\u009b31m\u202eevil';
    const real = await backUp('escapes-source', '2025-01-02T00:00:00Z');
    await s3.put(BUCKET, `escapes/${evil}/2025-01-02T00-00-00Z/manifest.json`, await s3.get(BUCKET, `${real}manifest.json`));
    await s3.put(BUCKET, `escapes/${evil}/2025-01-01T00-00-00Z/manifest.json`, 'not json');
    await s3.put(BUCKET, `escapes/${evil}/2024-01-01T00-00-00Z/files.tar.age`, 'partial');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks = { out: '', err: '' };
    stdout.on('data', (chunk: Buffer) => (chunks.out += chunk.toString('utf8')));
    stderr.on('data', (chunk: Buffer) => (chunks.err += chunk.toString('utf8')));

    const code = await main(['rotate', '--dry-run'], envFor('escapes'), consoleLog(stdout, stderr));

    expect(code).toBe(0);
    const lines = `${chunks.err}${chunks.out}`.trimEnd().split('\n');
    expect(lines.filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(`${chunks.err}${chunks.out}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(chunks.err).toContain('escapes/x\\u000a::add-mask::secret\\u009b31m\\u202eevil/2025-01-01T00-00-00Z/manifest.json: its manifest cannot be read (not JSON)');
    expect(chunks.err).toContain('would delete s3://eu-backups/escapes/x\\u000a::add-mask::secret\\u009b31m\\u202eevil/2024-01-01T00-00-00Z/');
    // The JSON summary still reads back to the real key.
    const summary = JSON.parse(chunks.out.trim());
    expect(summary.deleted).toEqual([`escapes/${evil}/2024-01-01T00-00-00Z/`]);
  });
});
