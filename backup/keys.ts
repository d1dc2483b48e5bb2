/**
 * Object key layout: `PREFIX/SOURCE/YYYY-MM-DDTHH-mm-ssZ/NAME`, where SOURCE
 * is a database name (URI-encoded, since PostgreSQL allows "/" in names) or
 * the file archive's name, and NAME is the data object or `manifest.json`.
 * The stamp sorts lexically in time order and has no ":" (awkward in some
 * S3 tools and file systems).
 */

export const MANIFEST_NAME = 'manifest.json';
export const DUMP_NAME = 'dump.pgcustom.age';
export const FILES_NAME = 'files.tar.age';

const STAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;
const FILES_SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function databaseSegment(database: string): string {
  const encoded = encodeURIComponent(database);
  // "." and ".." would read as path steps in tools that map keys to folders.
  return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
}

export function isValidFilesSourceName(name: string): boolean {
  return FILES_SOURCE_NAME.test(name);
}

export function filesSourceSegment(name: string): string {
  return name;
}

/** `2025-01-31T02:00:00.123Z` → `2025-01-31T02-00-00Z` (whole seconds, UTC). */
export function stampOf(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

export function timeOfStamp(stamp: string): Date | undefined {
  const match = STAMP.exec(stamp);
  if (!match) return undefined;
  const time = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** The folder of one backup of one source, with a trailing slash. */
export function backupFolder(prefix: string, segment: string, stamp: string): string {
  return `${prefix}/${segment}/${stamp}/`;
}

export interface ParsedKey {
  readonly segment: string;
  readonly stamp: string;
  readonly time: Date;
  readonly name: string;
}

/** Splits a key written by this runner; anything else under the prefix is undefined and never touched. */
export function parseKey(prefix: string, key: string): ParsedKey | undefined {
  if (!key.startsWith(`${prefix}/`)) return undefined;
  const parts = key.slice(prefix.length + 1).split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) return undefined;
  const [segment, stamp, name] = parts as [string, string, string];
  const time = timeOfStamp(stamp);
  return time ? { segment, stamp, time, name } : undefined;
}
