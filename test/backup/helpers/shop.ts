/**
 * The test bed most backup tests share: a real PostgreSQL with a "shop"
 * database of the file's own name, an s3rver with the bucket, an age key
 * pair, a temp dir and the runner settings pointing at all of them. One per
 * test file (beforeAll).
 *
 * The PostgreSQL server serves every file of the run (helpers/postgres.ts),
 * so each file names its shop database (and any drill target) itself; no two
 * files use the same name. The shop's tables and rows are made once per
 * server, in a template database, and each file's shop is a copy of it
 * (CREATE DATABASE … TEMPLATE: a file copy on the server, not thousands of inserts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeAgeWorkers, generateKeyPair } from '../../../backup/age';
import { oncePerRun } from '../../support/once-per-run';
import { createShop } from '../fixtures';
import { startPostgres, type TestPostgres } from './postgres';
import { runnerEnv, writeIdentityFile } from './runner';
import { startS3, type TestS3 } from './s3';

/** Never backed up or connected to by a test: a connection to it would block the copies. */
const SHOP_TEMPLATE = 'shop-template';

export interface ShopBed {
  readonly pg: TestPostgres;
  readonly s3: TestS3;
  readonly tmp: string;
  /** This file's shop database (PGDATABASE in `env`). */
  readonly database: string;
  /** Runner settings: PG*, AWS_*, BACKUP_BUCKET, recipients and identity file, TMPDIR, plus `extra`. */
  readonly env: Record<string, string | undefined>;
  /** Stops the S3 server, ends pooled age workers, removes the temp dir (the run's PostgreSQL stays for the other files). */
  stop(): Promise<void>;
}

/** `database` must be unique to the test file: other files use the same server at the same time. */
export async function startShopBed(bucket: string, database: string, tmpPrefix: string, extra: Record<string, string | undefined> = {}): Promise<ShopBed> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const started = await Promise.allSettled([startPostgres(), startS3([bucket]), generateKeyPair()] as const);
  const [pgStart, s3Start, keysStart] = started;
  const stopAll = async () => {
    // Stop what did start, or its open server keeps jest from ever exiting.
    await Promise.all([
      pgStart.status === 'fulfilled' ? pgStart.value.stop() : undefined,
      s3Start.status === 'fulfilled' ? s3Start.value.stop() : undefined,
      closeAgeWorkers(),
    ]);
    rmSync(tmp, { recursive: true, force: true });
  };
  if (pgStart.status === 'rejected' || s3Start.status === 'rejected' || keysStart.status === 'rejected') {
    await stopAll();
    throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const [pg, s3, keys] = [pgStart.value, s3Start.value, keysStart.value];
  try {
    // One template per server (its port names it within the run).
    await oncePerRun(`shop-template-${pg.port}`, () => createShop(pg, SHOP_TEMPLATE), tmp);
    await pg.query('postgres', `CREATE DATABASE "${database}" TEMPLATE "${SHOP_TEMPLATE}"`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  const env = runnerEnv(pg, s3, {
    PGDATABASE: database,
    BACKUP_BUCKET: bucket,
    BACKUP_AGE_RECIPIENTS: keys.recipient,
    BACKUP_AGE_IDENTITY_FILE: writeIdentityFile(tmp, 'identity.txt', keys.identity),
    TMPDIR: tmp,
    ...extra,
  });
  return { pg, s3, tmp, database, env, stop: stopAll };
}
