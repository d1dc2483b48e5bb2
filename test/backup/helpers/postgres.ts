/**
 * A throwaway PostgreSQL server for one test file: Debian's binaries,
 * initdb into a temp dir, listening on 127.0.0.1 at a free port with a
 * random password (scram), stopped and deleted in afterAll. PostgreSQL
 * refuses to run as root, so as root it runs as the `postgres` user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { debianPgBinDirs } from '../../../backup/tools';

const run = promisify(execFile);

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** PG* variables for the runner. */
  readonly env: Record<string, string>;
  query<T extends Record<string, unknown> = Record<string, unknown>>(database: string, sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const binDir = debianPgBinDirs().find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!binDir) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package (.ci/run does).");
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backup-test-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresOwner() : undefined;
  const password = randomBytes(12).toString('hex');
  const passwordFile = path.join(dir, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  const asServerUser = (tool: string, args: string[]): Promise<unknown> =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(binDir, tool), ...args]) : run(path.join(binDir, tool), args);
  const data = path.join(dir, 'data');
  await asServerUser('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${passwordFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await asServerUser('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const connection = { host: '127.0.0.1', port, user: 'postgres', password };
  return {
    ...connection,
    env: { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: password },
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
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
