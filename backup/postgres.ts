/**
 * PostgreSQL access for the runner: connections with readable failures,
 * exact row counts per table (the drill's yardstick), the libpq environment
 * for pg_dump / pg_restore, and the throwaway drill target.
 */
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { OperationError } from './errors';
import type { PgConnection } from './config';
import type { Env } from './env-values';
import type { TableCount } from './manifest';

const CONNECT_TIMEOUT_MS = 10_000;
/** Every drill target carries this comment; only such a database is ever dropped. */
export const DRILL_MARKER = 'eu-tom-kit restore drill target';

export async function connect(connection: PgConnection, database: string): Promise<Client> {
  const client = new Client({ ...connection, database, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'eu-tom-kit-backup' });
  // An idle client whose server goes away emits 'error'; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new OperationError(`cannot connect to PostgreSQL at ${connection.host}:${connection.port} as "${connection.user}", database "${database}": ${reason(err)}`);
  }
}

/**
 * Exact row counts of every ordinary table, extension members and system
 * schemas left out (pg_dump does not carry their rows). In the backup this
 * runs inside the snapshot pg_dump uses, so the numbers are those of the dump.
 */
export async function countRows(client: Client): Promise<TableCount[]> {
  const tables = await client.query<{ schema: string; table: string }>(`
    SELECT n.nspname AS schema, c.relname AS table
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r'
       AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     ORDER BY 1, 2`);
  const counts: TableCount[] = [];
  for (const { schema, table } of tables.rows) {
    const result = await client.query<{ rows: string }>(`SELECT count(*) AS rows FROM ONLY ${escapeIdentifier(schema)}.${escapeIdentifier(table)}`);
    counts.push({ schema, table, rows: Number(result.rows[0]?.rows ?? 0) });
  }
  return counts;
}

/** Opens a read-only repeatable-read transaction and exports its snapshot for `pg_dump --snapshot`. */
export async function exportSnapshot(client: Client): Promise<string> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const result = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
  const id = result.rows[0]?.id;
  if (!id) throw new OperationError('PostgreSQL returned no snapshot id');
  return id;
}

export async function serverVersion(client: Client): Promise<string> {
  const result = await client.query<{ server_version: string }>('SHOW server_version');
  return result.rows[0]?.server_version ?? 'unknown';
}

/** libpq environment for pg_dump / pg_restore: the runner's own plus this connection. */
export function libpqEnv(connection: PgConnection, base: Env): Env {
  const env: Record<string, string | undefined> = {
    ...base,
    PGHOST: connection.host,
    PGPORT: String(connection.port),
    PGUSER: connection.user,
    PGPASSWORD: connection.password,
    PGCONNECT_TIMEOUT: base.PGCONNECT_TIMEOUT ?? String(CONNECT_TIMEOUT_MS / 1000),
    PGDATABASE: undefined,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** `--dbname` value naming a database as a conninfo string, so any name (even with "=") is taken literally. */
export function dbnameArgument(database: string): string {
  return `--dbname=dbname='${database.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Creates the drill target afresh. An existing database of that name is
 * dropped only if a previous drill created it (its comment says so);
 * anything else stops the drill, so a wrong RESTORE_PGDATABASE can never
 * destroy real data.
 */
export async function recreateDrillTarget(connection: PgConnection, database: string, origin: string): Promise<void> {
  const client = await connectMaintenance(connection);
  try {
    const existing = await client.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [database],
    );
    const name = escapeIdentifier(database);
    if (existing.rows.length > 0) {
      if (!existing.rows[0]?.comment?.startsWith(DRILL_MARKER)) {
        throw new OperationError(`restore target database "${database}" already exists and was not created by a restore drill: drop it yourself or set RESTORE_PGDATABASE to another name.`);
      }
      const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      const force = Number(version.rows[0]?.server_version_num) >= 130000 ? ' WITH (FORCE)' : '';
      await client.query(`DROP DATABASE ${name}${force}`);
    }
    await client.query(`CREATE DATABASE ${name}`);
    await client.query(`COMMENT ON DATABASE ${name} IS ${escapeLiteral(`${DRILL_MARKER}: restored from ${origin}; safe to drop`)}`);
  } catch (err) {
    if (err instanceof OperationError) throw err;
    throw new OperationError(`cannot prepare restore target database "${database}" at ${connection.host}:${connection.port}: ${reason(err)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `postgres`, or `template1` where that is missing (createdb does the same). */
async function connectMaintenance(connection: PgConnection): Promise<Client> {
  try {
    return await connect(connection, 'postgres');
  } catch (err) {
    if (!/does not exist/.test((err as Error).message)) throw err;
    return connect(connection, 'template1');
  }
}

function reason(err: unknown): string {
  const { code, message } = err as { code?: string; message?: string };
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running, and are PGHOST/PGPORT right?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found (check PGHOST)';
  if (code === '28P01' || code === '28000') return `authentication failed (check PGUSER/PGPASSWORD): ${message ?? ''}`.trim();
  return message || code || String(err);
}
