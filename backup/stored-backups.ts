/**
 * What is in the bucket under BACKUP_PREFIX, grouped into backups (one
 * source, one stamp). A backup is complete when its manifest exists and
 * reads; everything else is an incomplete upload. Keys that do not follow
 * the runner's layout are ignored, so nothing foreign is ever touched.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from './config';
import { MANIFEST_NAME, parseKey } from './keys';
import { parseManifest, type BackupManifest } from './manifest';
import { getText, listKeys } from './s3';

export interface StoredBackup {
  readonly segment: string;
  readonly stamp: string;
  /** Time from the key's stamp (the manifest's `created` is authoritative when there is one). */
  readonly stampTime: Date;
  /** Every object of this backup, manifest included. */
  readonly keys: readonly string[];
  readonly manifestKey?: string;
  readonly manifest?: BackupManifest;
  /** Why a manifest object exists but cannot be used. */
  readonly manifestProblem?: string;
}

/** Backups under the prefix, or under one source's folder; oldest first. */
export async function listStoredBackups(client: S3Client, settings: S3Settings, segment?: string): Promise<StoredBackup[]> {
  const folder = segment === undefined ? `${settings.prefix}/` : `${settings.prefix}/${segment}/`;
  const groups = new Map<string, { segment: string; stamp: string; stampTime: Date; keys: string[] }>();
  for (const key of await listKeys(client, settings, folder)) {
    const parsed = parseKey(settings.prefix, key);
    if (!parsed) continue;
    const id = `${parsed.segment}/${parsed.stamp}`;
    const group = groups.get(id) ?? { segment: parsed.segment, stamp: parsed.stamp, stampTime: parsed.time, keys: [] };
    group.keys.push(key);
    groups.set(id, group);
  }
  const backups: StoredBackup[] = [];
  for (const group of groups.values()) {
    const manifestKey = group.keys.find((key) => key.endsWith(`/${MANIFEST_NAME}`));
    if (manifestKey === undefined) {
      backups.push(group);
      continue;
    }
    const parsed = parseManifest(await getText(client, settings, manifestKey));
    backups.push({ ...group, manifestKey, ...('manifest' in parsed ? { manifest: parsed.manifest } : { manifestProblem: parsed.problem }) });
  }
  return backups.sort((a, b) => timeOf(a) - timeOf(b));
}

/** The backup's time: the manifest's `created`, else the key's stamp. */
export function timeOf(backup: StoredBackup): number {
  return backup.manifest ? Date.parse(backup.manifest.created) : backup.stampTime.getTime();
}

export function isComplete(backup: StoredBackup): backup is StoredBackup & { manifest: BackupManifest; manifestKey: string } {
  return backup.manifest !== undefined;
}

/** The newest complete backup of a list, if any. */
export function newestComplete(backups: readonly StoredBackup[]): (StoredBackup & { manifest: BackupManifest; manifestKey: string }) | undefined {
  return backups.filter(isComplete).sort((a, b) => timeOf(b) - timeOf(a))[0];
}
