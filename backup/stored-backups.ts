/**
 * What is in the bucket under BACKUP_PREFIX, grouped into backups (one
 * source, one stamp). A backup is complete when its manifest exists and
 * reads; everything else is an incomplete upload. Keys that do not follow
 * the runner's layout are ignored, so nothing foreign is ever touched.
 *
 * Which backup is the newest is decided by the store's clock: when the store
 * received the manifest (LastModified), not by the stamp in the key or the
 * manifest, which come from the writer's clock. One run with a clock far
 * ahead would otherwise stay "newest" forever: every drill would restore it
 * and rotation would delete the genuinely newest backups around it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from './config';
import { MANIFEST_NAME, parseKey } from './keys';
import { parseManifest, type BackupManifest } from './manifest';
import { getText, listObjects } from './s3';

/** How far a stamp may be ahead of the store's clock before it counts as stamped in the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface StoredBackup {
  readonly segment: string;
  readonly stamp: string;
  /** Time from the key's stamp (the manifest's `created` is authoritative when there is one). */
  readonly stampTime: Date;
  /** When the store received it: the manifest's LastModified, else the newest object's. */
  readonly writtenAt: Date;
  /** Every object of this backup, manifest included. */
  readonly keys: readonly string[];
  readonly manifestKey?: string;
  readonly manifest?: BackupManifest;
  /** Why a manifest object exists but cannot be used. */
  readonly manifestProblem?: string;
}

export type CompleteBackup = StoredBackup & { manifest: BackupManifest; manifestKey: string };

/** Backups under the prefix, or under one source's folder; oldest first by age (timeOf). */
export async function listStoredBackups(client: S3Client, settings: S3Settings, segment?: string): Promise<StoredBackup[]> {
  const folder = segment === undefined ? `${settings.prefix}/` : `${settings.prefix}/${segment}/`;
  const groups = new Map<string, { segment: string; stamp: string; stampTime: Date; keys: string[]; written: Map<string, Date> }>();
  const newGroup = (segment: string, stamp: string, stampTime: Date) => ({ segment, stamp, stampTime, keys: [] as string[], written: new Map<string, Date>() });
  for (const { key, lastModified } of await listObjects(client, settings, folder)) {
    const parsed = parseKey(settings.prefix, key);
    if (!parsed) continue;
    const id = `${parsed.segment}/${parsed.stamp}`;
    const group = groups.get(id) ?? newGroup(parsed.segment, parsed.stamp, parsed.time);
    group.keys.push(key);
    group.written.set(key, lastModified);
    groups.set(id, group);
  }
  const backups: StoredBackup[] = [];
  for (const { written, ...group } of groups.values()) {
    const manifestKey = group.keys.find((key) => key.endsWith(`/${MANIFEST_NAME}`));
    const newestObject = new Date(Math.max(...[...written.values()].map((time) => time.getTime())));
    if (manifestKey === undefined) {
      backups.push({ ...group, writtenAt: newestObject });
      continue;
    }
    const parsed = parseManifest(await getText(client, settings, manifestKey));
    backups.push({
      ...group,
      writtenAt: written.get(manifestKey) ?? newestObject,
      manifestKey,
      ...('manifest' in parsed ? { manifest: parsed.manifest } : { manifestProblem: parsed.problem }),
    });
  }
  return backups.sort((a, b) => timeOf(a) - timeOf(b) || a.stamp.localeCompare(b.stamp));
}

/** The time the backup claims for itself: the manifest's `created`, else the key's stamp (both the writer's clock). */
export function claimedTime(backup: StoredBackup): number {
  return backup.manifest ? Date.parse(backup.manifest.created) : backup.stampTime.getTime();
}

/** Claims a time later than the store received it (beyond the skew allowance): written by a clock ahead. */
export function isFutureStamped(backup: StoredBackup): boolean {
  return claimedTime(backup) > backup.writtenAt.getTime() + CLOCK_SKEW_MS;
}

/**
 * The backup's time for retention: the time it claims, but never later than
 * the store received it. Backdated stamps (an injected clock in the past,
 * drills of rotation) keep their stamp; a stamp in the future counts from
 * when it was written, so it ages out like any other.
 */
export function timeOf(backup: StoredBackup): number {
  return Math.min(claimedTime(backup), backup.writtenAt.getTime());
}

/** Which was written first: by when the store received it, then by timeOf, then by stamp. */
export function byWriteTime(a: StoredBackup, b: StoredBackup): number {
  return a.writtenAt.getTime() - b.writtenAt.getTime() || timeOf(a) - timeOf(b) || a.stamp.localeCompare(b.stamp);
}

export function isComplete(backup: StoredBackup): backup is CompleteBackup {
  return backup.manifest !== undefined;
}

/** The newest complete backup of a list, by the store's clock, if any. */
export function newestComplete(backups: readonly StoredBackup[]): CompleteBackup | undefined {
  return backups.filter(isComplete).sort((a, b) => byWriteTime(b, a))[0];
}

/** One line about a backup stamped in the future, for the log. */
export function futureStampNote(backup: StoredBackup, where: string): string {
  return `${where} is stamped ${new Date(claimedTime(backup)).toISOString()} but the store received it at ${backup.writtenAt.toISOString()}: it was written by a clock ahead of the store's; it is ordered and aged by when it was written.`;
}
