/**
 * The test bed most backup tests share: a real PostgreSQL with the "shop"
 * database, an s3rver with the bucket, an age key pair, a temp dir and the
 * runner settings pointing at all of them. One per test file (beforeAll).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeAgeWorkers, generateKeyPair } from '../../../backup/age';
import { SHOP_DATABASE, createShop } from '../fixtures';
import { startPostgres, type TestPostgres } from './postgres';
import { runnerEnv, writeIdentityFile } from './runner';
import { startS3, type TestS3 } from './s3';

export interface ShopBed {
  readonly pg: TestPostgres;
  readonly s3: TestS3;
  readonly tmp: string;
  /** Runner settings: PG*, AWS_*, BACKUP_BUCKET, recipients and identity file, TMPDIR, plus `extra`. */
  readonly env: Record<string, string | undefined>;
  /** Stops the servers, ends pooled age workers, removes the temp dir. */
  stop(): Promise<void>;
}

export async function startShopBed(bucket: string, tmpPrefix: string, extra: Record<string, string | undefined> = {}): Promise<ShopBed> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const started = await Promise.allSettled([startPostgres(), startS3([bucket]), generateKeyPair()] as const);
  const [pgStart, s3Start, keysStart] = started;
  if (pgStart.status === 'rejected' || s3Start.status === 'rejected' || keysStart.status === 'rejected') {
    // Stop what did start, or its open server keeps jest from ever exiting.
    await Promise.all([
      pgStart.status === 'fulfilled' ? pgStart.value.stop() : undefined,
      s3Start.status === 'fulfilled' ? s3Start.value.stop() : undefined,
      closeAgeWorkers(),
    ]);
    rmSync(tmp, { recursive: true, force: true });
    throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const [pg, s3, keys] = [pgStart.value, s3Start.value, keysStart.value];
  await createShop(pg);
  const env = runnerEnv(pg, s3, {
    PGDATABASE: SHOP_DATABASE,
    BACKUP_BUCKET: bucket,
    BACKUP_AGE_RECIPIENTS: keys.recipient,
    BACKUP_AGE_IDENTITY_FILE: writeIdentityFile(tmp, 'identity.txt', keys.identity),
    TMPDIR: tmp,
    ...extra,
  });
  return {
    pg,
    s3,
    tmp,
    env,
    async stop() {
      await Promise.all([pg.stop(), s3.stop(), closeAgeWorkers()]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
