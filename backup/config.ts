/**
 * Settings of the backup runner, read from the standard variables (libpq's
 * PG*, the AWS SDK's AWS_*) plus BACKUP_*. Each command reads only what it
 * needs, so a rotation job carries no database password and a backup job no
 * private key. Anything wrong is one ConfigError line (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from './errors';
import { MAX_BACKUP_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS } from '../data/retention';
import { boolean, instant, integer, list, optional, required, requiredIfSet, type Env } from './env-values';
import { filesSourceSegment, isValidFilesSourceName, databaseSegment } from './keys';

export type { Env } from './env-values';

export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
}

export interface S3Settings {
  readonly bucket: string;
  /** Key prefix without leading or trailing slash; every key the runner writes or deletes starts with `prefix/`. */
  readonly prefix: string;
  readonly region: string;
  /** S3-compatible endpoint; undefined means AWS itself. */
  readonly endpoint?: string;
  readonly forcePathStyle: boolean;
  /** Static keys; undefined leaves the SDK's default chain (web identity, profile…). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly maxAttempts?: number;
}

/** The optional tar of file paths, backed up as a source of its own. */
export interface FilesSource {
  readonly name: string;
  readonly paths: readonly string[];
}

interface CommonConfig {
  readonly s3: S3Settings;
  /** The clock: `--now`, BACKUP_NOW, or the real time. */
  readonly now: Date;
  /** Where `now` came from, for messages about it. */
  readonly clockSource: '--now' | 'BACKUP_NOW' | 'the system clock';
  /** Environment handed to pg_dump, pg_restore and tar (PGSSLMODE and friends pass through). */
  readonly env: Env;
}

export interface RunConfig extends CommonConfig {
  readonly source: PgConnection;
  readonly databases: readonly string[];
  readonly files?: FilesSource;
  readonly recipients: readonly string[];
  /** Size of each multipart upload part, in bytes (BACKUP_PART_SIZE_MIB). */
  readonly partSizeBytes: number;
}

export interface RotateConfig extends CommonConfig {
  readonly retentionDays: number;
  readonly dryRun: boolean;
}

export interface DrillConfig extends CommonConfig {
  readonly source: PgConnection;
  readonly databases: readonly string[];
  readonly files?: FilesSource;
  readonly identities: readonly string[];
  readonly target: PgConnection;
  /** Restore target database per source database. */
  readonly targetDatabase: ReadonlyMap<string, string>;
  readonly tmpDir: string;
}

export interface CommandOptions {
  /** `--now` from the command line; wins over BACKUP_NOW. */
  readonly now?: string;
  readonly dryRun?: boolean;
}

const AGE_RECIPIENT = /^age1[0-9a-z]{20,}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * Upload part size in MiB. 16 allows objects up to ~160 GB within S3's
 * 10,000-part limit; about two parts are held in memory at a time, so a pod
 * with little memory can go down to S3's smallest part (5 MiB, objects up to
 * ~50 GB), and a larger object needs bigger parts (at most S3's 5 GiB).
 */
const DEFAULT_PART_SIZE_MIB = 16;
const MIN_PART_SIZE_MIB = 5;
const MAX_PART_SIZE_MIB = 5120;
/** PostgreSQL truncates identifiers longer than this many bytes. */
const MAX_IDENTIFIER_BYTES = 63;

export function loadRunConfig(env: Env, options: CommandOptions = {}): RunConfig {
  const names = databases(env);
  const files = filesSource(env, names, true);
  requireSomething(names, files);
  return {
    ...common(env, options),
    source: pgConnection(env, ''),
    databases: names,
    files,
    recipients: recipients(env),
    partSizeBytes: integer(env, 'BACKUP_PART_SIZE_MIB', DEFAULT_PART_SIZE_MIB, MIN_PART_SIZE_MIB, MAX_PART_SIZE_MIB, " (S3's smallest and largest part size, in MiB)") * 1024 * 1024,
  };
}

export function loadRotateConfig(env: Env, options: CommandOptions = {}): RotateConfig {
  return {
    ...common(env, options),
    retentionDays: requiredIfSet(
      env, 'BACKUP_RETENTION_DAYS', MIN_BACKUP_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS, MAX_BACKUP_RETENTION_DAYS,
      ` (the bounds the config enforces: ${MIN_BACKUP_RETENTION_DAYS} days is the published backup promise, longer than ${MAX_BACKUP_RETENTION_DAYS} keeps copies past the deletion promise)`,
    ),
    dryRun: options.dryRun ?? false,
  };
}

export function loadDrillConfig(env: Env, options: CommandOptions = {}): DrillConfig {
  const source = pgConnection(env, '');
  const target = pgConnection(env, 'RESTORE_', source);
  const names = databases(env);
  const files = filesSource(env, names, false);
  requireSomething(names, files);
  return {
    ...common(env, options),
    source,
    databases: names,
    files,
    identities: identities(env),
    target,
    targetDatabase: targetDatabases(env, names, source, target),
    tmpDir: optional(env, 'TMPDIR') ?? os.tmpdir(),
  };
}

function common(env: Env, options: CommandOptions): CommonConfig {
  const nowRaw = options.now ?? optional(env, 'BACKUP_NOW');
  const clockSource = options.now !== undefined ? '--now' : nowRaw !== undefined ? 'BACKUP_NOW' : 'the system clock';
  const now = nowRaw === undefined ? new Date() : instant(nowRaw, clockSource);
  return { now, clockSource, s3: s3Settings(env), env };
}

function s3Settings(env: Env): S3Settings {
  const bucket = required(env, 'BACKUP_BUCKET', 'the name of the bucket that receives the backups');
  if (!BUCKET_NAME.test(bucket)) {
    throw new ConfigError(`BACKUP_BUCKET=${JSON.stringify(bucket)} is not allowed: a bucket name is 3-63 lower-case letters, digits, dots and hyphens.`);
  }
  const region = required(env, 'AWS_REGION', 'the region of the backup bucket, e.g. eu-central-1');
  const endpoint = s3Endpoint(env);
  if (endpoint === undefined && !region.startsWith('eu-')) {
    throw new ConfigError(`AWS_REGION=${JSON.stringify(region)} is not allowed: backups stay in the EU, so an AWS region must be an eu-* region (set AWS_ENDPOINT_URL_S3 for an S3-compatible EU provider).`);
  }
  return {
    bucket,
    prefix: prefix(env),
    region,
    endpoint,
    forcePathStyle: boolean(env, 'BACKUP_S3_PATH_STYLE', false),
    credentials: credentials(env),
    maxAttempts: optional(env, 'AWS_MAX_ATTEMPTS') === undefined ? undefined : integer(env, 'AWS_MAX_ATTEMPTS', 3, 1, 20),
  };
}

function s3Endpoint(env: Env): string | undefined {
  const name = optional(env, 'AWS_ENDPOINT_URL_S3') !== undefined ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL';
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: it must be an https:// URL (http:// only on loopback).`);
  }
  const plainHttpAllowed = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !plainHttpAllowed) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: backups travel over https:// only; plain http:// is accepted for 127.0.0.1, localhost and [::1].`);
  }
  return raw;
}

function prefix(env: Env): string {
  const raw = optional(env, 'BACKUP_PREFIX') ?? 'backups';
  const trimmed = raw.replace(/\/+$/, '');
  const segments = trimmed.split('/');
  if (trimmed.startsWith('/') || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new ConfigError(`BACKUP_PREFIX=${JSON.stringify(raw)} is not allowed: it must be a relative key prefix such as "backups" or "prod/db", without empty, "." or ".." segments.`);
  }
  return trimmed;
}

function credentials(env: Env): S3Settings['credentials'] {
  const accessKeyId = optional(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = optional(env, 'AWS_SECRET_ACCESS_KEY');
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    throw new ConfigError(`${missing} is not set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or both left unset for the SDK's default credentials).`);
  }
  return { accessKeyId, secretAccessKey, sessionToken: optional(env, 'AWS_SESSION_TOKEN') };
}

/** libpq's variables with libpq's defaults; `RESTORE_` ones default to the source's. */
function pgConnection(env: Env, prefixName: '' | 'RESTORE_', fallback?: PgConnection): PgConnection {
  const host = optional(env, `${prefixName}PGHOST`) ?? fallback?.host ?? 'localhost';
  const port = integer(env, `${prefixName}PGPORT`, fallback?.port ?? 5432, 1, 65535);
  const user = optional(env, `${prefixName}PGUSER`) ?? fallback?.user ?? os.userInfo().username;
  const password = env[`${prefixName}PGPASSWORD`] ?? fallback?.password;
  return { host, port, user, ...(password ? { password } : {}) };
}

/** BACKUP_DATABASES, else PGDATABASE, else none (a file-only job). */
function databases(env: Env): string[] {
  const names = list(env, 'BACKUP_DATABASES');
  const single = optional(env, 'PGDATABASE');
  if (names.length === 0 && single !== undefined) names.push(single);
  for (const name of names) checkIdentifier(name, 'BACKUP_DATABASES');
  return names;
}

function requireSomething(names: readonly string[], files: FilesSource | undefined): void {
  if (names.length === 0 && files === undefined) {
    throw new ConfigError('BACKUP_DATABASES (or PGDATABASE) is not set: it must name the database(s) to back up, comma-separated (or set BACKUP_PATHS for a file-only backup).');
  }
}

function filesSource(env: Env, databaseNames: readonly string[], mustExist: boolean): FilesSource | undefined {
  const paths = list(env, 'BACKUP_PATHS');
  if (paths.length === 0) return undefined;
  for (const entry of paths) {
    if (!path.isAbsolute(entry)) {
      throw new ConfigError(`BACKUP_PATHS entry ${JSON.stringify(entry)} is not allowed: file paths to back up must be absolute.`);
    }
    if (mustExist && !existsSync(entry)) {
      throw new ConfigError(`BACKUP_PATHS entry ${JSON.stringify(entry)} does not exist.`);
    }
  }
  const name = optional(env, 'BACKUP_PATHS_NAME') ?? 'files';
  if (!isValidFilesSourceName(name)) {
    throw new ConfigError(`BACKUP_PATHS_NAME=${JSON.stringify(name)} is not allowed: it must be letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
  if (databaseNames.some((database) => databaseSegment(database) === filesSourceSegment(name))) {
    throw new ConfigError(`BACKUP_PATHS_NAME=${JSON.stringify(name)} is not allowed: a database in BACKUP_DATABASES has the same name; pick another name for the file archive.`);
  }
  return { name, paths };
}

function recipients(env: Env): string[] {
  const keys = list(env, 'BACKUP_AGE_RECIPIENTS');
  if (keys.length === 0) {
    throw new ConfigError('BACKUP_AGE_RECIPIENTS is not set: it must hold one or more age public keys (age1…), comma-separated; the matching private key stays outside the cluster.');
  }
  for (const key of keys) {
    if (key.toUpperCase().startsWith('AGE-SECRET-KEY-')) {
      throw new ConfigError('BACKUP_AGE_RECIPIENTS holds a private key (AGE-SECRET-KEY-…): only public keys (age1…) belong in the cluster; rotate that key, it has been exposed.');
    }
    if (!AGE_RECIPIENT.test(key)) {
      throw new ConfigError(`BACKUP_AGE_RECIPIENTS entry ${JSON.stringify(key)} is not allowed: each entry must be an age public key starting with "age1".`);
    }
  }
  return keys;
}

/** The identity file holds `AGE-SECRET-KEY-1…` lines; `#` comments and blank lines are skipped (age-keygen's format). */
function identities(env: Env): string[] {
  const file = required(env, 'BACKUP_AGE_IDENTITY_FILE', 'the path of the age identity file (private key) that decrypts the backups');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`BACKUP_AGE_IDENTITY_FILE=${JSON.stringify(file)} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): it must be a readable age identity file.`);
  }
  const keys = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (keys.length === 0 || keys.some((key) => !key.startsWith('AGE-SECRET-KEY-'))) {
    throw new ConfigError(`BACKUP_AGE_IDENTITY_FILE=${JSON.stringify(file)} is not an age identity file: every line that is not a # comment must be an AGE-SECRET-KEY-… private key.`);
  }
  return keys;
}

function targetDatabases(env: Env, names: readonly string[], source: PgConnection, target: PgConnection): Map<string, string> {
  const explicit = optional(env, 'RESTORE_PGDATABASE');
  if (explicit !== undefined && names.length > 1) {
    throw new ConfigError(`RESTORE_PGDATABASE=${JSON.stringify(explicit)} names one restore target but BACKUP_DATABASES lists ${names.length} databases: unset it (each drill then restores into <database>_restore_drill) or run one drill per database.`);
  }
  const sameServer = source.host === target.host && source.port === target.port;
  const map = new Map<string, string>();
  for (const name of names) {
    const targetName = explicit ?? `${name}_restore_drill`;
    checkIdentifier(targetName, 'RESTORE_PGDATABASE');
    if (sameServer && targetName === name) {
      throw new ConfigError(`RESTORE_PGDATABASE=${JSON.stringify(targetName)} is not allowed: it is the source database itself on the same server, and the drill replaces its target.`);
    }
    map.set(name, targetName);
  }
  return map;
}

function checkIdentifier(name: string, variable: string): void {
  if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES || name.includes('\0')) {
    throw new ConfigError(`${variable} entry ${JSON.stringify(name)} is not allowed: a PostgreSQL database name has at most ${MAX_IDENTIFIER_BYTES} bytes and no NUL character.`);
  }
}
