/**
 * A throwaway PostgreSQL server for one test file: the binaries
 * test/support/postgres-install.ts finds, initdb into a temp dir, listening
 * on 127.0.0.1 at a free port with a random password (scram), stopped and
 * deleted in afterAll. PostgreSQL refuses to run as root, so as root it runs
 * as the `postgres` user; anyone else runs it as themselves.
 *
 * initdb takes seconds and gives every server the same empty cluster, so the
 * first server of a jest run initialises a template cluster once
 * (test/support/once-per-run.ts) and every server starts from a copy of it.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chownSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { oncePerRun, runDir } from '../../support/once-per-run';
import { findPostgres, type PgInstall } from '../../support/postgres-install';

const run = promisify(execFile);

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Where the server and client binaries came from. */
  readonly install: PgInstall;
  /** PG* variables for the runner, and PG_BIN_DIR so it uses client tools that match the server. */
  readonly env: Record<string, string>;
  query<T extends Record<string, unknown> = Record<string, unknown>>(database: string, sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

type ServerOwner = { uid: number; gid: number } | undefined;
type AsServerUser = (tool: string, args: string[]) => Promise<unknown>;

const INITDB_ARGS = ['-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'];

/** A fresh cluster in `dir/data`, with a random superuser password: initdb's own work. */
async function initCluster(dir: string, owner: ServerOwner, asServerUser: AsServerUser): Promise<string> {
  const password = randomBytes(12).toString('hex');
  const passwordFile = path.join(dir, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  await asServerUser('initdb', ['-D', path.join(dir, 'data'), `--pwfile=${passwordFile}`, ...INITDB_ARGS]);
  return password;
}

export async function startPostgres(): Promise<TestPostgres> {
  const install = findPostgres();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backup-test-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresOwner() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const options = { env: { ...process.env, ...install.serverEnv } };
  const asServerUser: AsServerUser = (tool, args) => {
    const file = path.join(install.serverBinDir, tool);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args], options) : run(file, args, options);
  };
  const data = path.join(dir, 'data');
  let password: string;
  if (runDir()) {
    // Keyed by the server binaries: the template is only good for the server that made it.
    const key = createHash('sha256').update(install.serverBinDir).digest('hex').slice(0, 12);
    const template = await oncePerRun(`pg-template-${key}`, (building) => initCluster(building, owner, asServerUser).then(() => undefined), os.tmpdir());
    // -a keeps the owner (postgres when run as root) and the 0700 mode the server insists on.
    await run('cp', ['-a', path.join(template, 'data'), data]);
    password = readFileSync(path.join(template, 'password'), 'utf8').trim();
  } else {
    password = await initCluster(dir, owner, asServerUser);
  }
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await asServerUser('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const connection = { host: '127.0.0.1', port, user: 'postgres', password };
  return {
    ...connection,
    install,
    env: { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: password, PG_BIN_DIR: install.clientBinDir },
    async query(database, sql) {
      const client = new Client({ ...connection, database });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await asServerUser('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on right now (also used as "PostgreSQL down"). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function postgresOwner(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('The tests run as root and PostgreSQL refuses to: create a `postgres` user for the test server (useradd --system postgres) or run the tests as a normal user.');
  }
}
