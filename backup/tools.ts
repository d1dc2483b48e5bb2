/**
 * Finding the external tools: pg_dump / pg_restore (PG_BIN_DIR, then PATH,
 * then Debian's /usr/lib/postgresql/<version>/bin, newest version first,
 * since pg_dump must be at least as new as the server) and tar.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from './errors';
import { optional, type Env } from './env-values';

const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export function findPgTool(name: 'pg_dump' | 'pg_restore', env: Env): string {
  const override = optional(env, 'PG_BIN_DIR');
  if (override !== undefined) {
    const candidate = path.join(override, name);
    if (!isExecutable(candidate)) throw new ConfigError(`PG_BIN_DIR=${JSON.stringify(override)} has no executable ${name}.`);
    return candidate;
  }
  const found = onPath(name, env) ?? debianPgBinDirs().map((dir) => path.join(dir, name)).find(isExecutable);
  if (found === undefined) {
    throw new ConfigError(`${name} was not found on PATH or in ${DEBIAN_POSTGRES_ROOT}/*/bin: install the PostgreSQL client tools or set PG_BIN_DIR.`);
  }
  return found;
}

export function findTar(env: Env): string {
  const found = onPath('tar', env);
  if (found === undefined) throw new ConfigError('tar was not found on PATH: BACKUP_PATHS needs GNU tar in the runner image.');
  return found;
}

/** Debian's versioned PostgreSQL bin folders, newest major first. */
export function debianPgBinDirs(): string[] {
  let versions: string[];
  try {
    versions = readdirSync(DEBIAN_POSTGRES_ROOT).filter((entry) => /^\d+(\.\d+)?$/.test(entry));
  } catch {
    return [];
  }
  return versions.sort((a, b) => Number(b) - Number(a)).map((version) => path.join(DEBIAN_POSTGRES_ROOT, version, 'bin'));
}

/** First line of `tool --version`, recorded in the manifest. */
export async function toolVersion(file: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, ['--version'], { timeout: 10_000 });
    return stdout.split('\n')[0]?.trim() ?? path.basename(file);
  } catch {
    return path.basename(file);
  }
}

function onPath(name: string, env: Env): string | undefined {
  const dirs = (optional(env, 'PATH') ?? '').split(path.delimiter).filter(Boolean);
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
