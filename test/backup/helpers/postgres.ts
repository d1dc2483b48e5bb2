/**
 * The PostgreSQL server the backup tests run against: the binaries
 * test/support/postgres-install.ts finds, listening on 127.0.0.1 at a free
 * port with a random password (scram), fsync off. PostgreSQL refuses to run
 * as root, so as root it runs as the `postgres` user; anyone else runs it as
 * themselves.
 *
 * Starting a server costs seconds (initdb, start-up) and every test file
 * wants the same empty one, so in a jest run one server serves the whole run:
 * the first file that asks starts it (test/support/once-per-run.ts), later
 * files connect to it. Each file works only in databases of its own names
 * (see helpers/shop.ts), so files in parallel workers never see each other's
 * data. Before the server starts, the command that stops it is recorded for
 * the end of the run (test/support/run-cleanup.js): the global teardown runs
 * it, or, when jest is interrupted, the run's watchdog does. Outside a jest
 * run every caller gets a server of its own, which stop() stops.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { oncePerRun, runDir } from '../../support/once-per-run';
import { findPostgres, type PgInstall } from '../../support/postgres-install';
// Shared with the global teardown, which is plain JavaScript.
const { AT_RUN_END } = require('../../support/run-cleanup') as { AT_RUN_END: string };

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
  /** Ends this file's use: stops the server if it is the file's own, leaves the run's shared one to the teardown. */
  stop(): Promise<void>;
}

interface Server {
  readonly port: number;
  readonly password: string;
}

type AsServerUser = (tool: string, args: string[]) => { file: string; args: string[] };

const INITDB_ARGS = ['-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'];
const SETTINGS = ['-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];

export async function startPostgres(): Promise<TestPostgres> {
  const install = findPostgres();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresOwner() : undefined;
  const asServerUser: AsServerUser = (tool, args) => {
    const file = path.join(install.serverBinDir, tool);
    return asRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', file, ...args] } : { file, args };
  };
  const exec = (tool: string, args: string[]) => {
    const command = asServerUser(tool, args);
    return run(command.file, command.args, { env: { ...process.env, ...install.serverEnv } });
  };
  /** initdb into `home/data` and start the server; `beforeStart` learns how to stop it. */
  const startServer = async (home: string, beforeStart: (stop: { file: string; args: string[] }) => void): Promise<Server> => {
    if (owner) chownSync(home, owner.uid, owner.gid);
    const password = randomBytes(12).toString('hex');
    const passwordFile = path.join(home, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(passwordFile, owner.uid, owner.gid);
    const data = path.join(home, 'data');
    await exec('initdb', ['-D', data, `--pwfile=${passwordFile}`, ...INITDB_ARGS]);
    const port = await freePort();
    beforeStart(asServerUser('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']));
    await exec('pg_ctl', ['-D', data, '-o', [...SETTINGS, `-p ${port}`, `-k ${home}`].join(' '), '-l', path.join(home, 'server.log'), '-w', '-t', '60', 'start']);
    return { port, password };
  };

  const shared = runDir();
  let server: Server;
  let stop: () => Promise<void>;
  if (shared) {
    // Keyed by the server binaries, in case two installs are tested in one run.
    const key = createHash('sha256').update(install.serverBinDir).digest('hex').slice(0, 12);
    const name = `pg-server-${key}`;
    const marker = await oncePerRun(name, async (building) => {
      // The server's home must not move while it runs: a folder of its own, not the one once-per-run renames.
      const home = path.join(shared, `${name}-home`);
      mkdirSync(home);
      const started = await startServer(home, (command) => {
        mkdirSync(path.join(shared, AT_RUN_END), { recursive: true });
        writeFileSync(path.join(shared, AT_RUN_END, `${name}.json`), JSON.stringify({ argv: [command.file, ...command.args], env: install.serverEnv }));
      });
      writeFileSync(path.join(building, 'server.json'), JSON.stringify(started));
    }, os.tmpdir());
    server = JSON.parse(readFileSync(path.join(marker, 'server.json'), 'utf8')) as Server;
    stop = async () => undefined;
  } else {
    const home = await mkdtemp(path.join(os.tmpdir(), 'backup-test-pg-'));
    let stopCommand: { file: string; args: string[] } | undefined;
    stop = async () => {
      if (stopCommand) await run(stopCommand.file, stopCommand.args, { env: { ...process.env, ...install.serverEnv } }).catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    };
    try {
      server = await startServer(home, (command) => (stopCommand = command));
    } catch (err) {
      await stop();
      throw err;
    }
  }

  const connection = { host: '127.0.0.1', port: server.port, user: 'postgres', password: server.password };
  return {
    ...connection,
    install,
    env: { PGHOST: '127.0.0.1', PGPORT: String(server.port), PGUSER: 'postgres', PGPASSWORD: server.password, PG_BIN_DIR: install.clientBinDir },
    async query(database, sql) {
      const client = new Client({ ...connection, database });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    stop,
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
