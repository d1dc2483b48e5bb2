/**
 * Which backups rotation deletes, as a pure function of the listing and the
 * clock. Per source:
 * - a complete backup goes when it is older than the retention window,
 *   except the newest complete one by the store's clock (the last manifest
 *   written), which always stays (a clock far ahead, a backup stamped in the
 *   future, or a job that has failed for weeks must not empty the bucket);
 * - a backup's age is its stamp, but never later than when the store
 *   received it (see timeOf), so a stamp in the future ages out too;
 * - an incomplete upload goes once it is older than the window and older
 *   than the newest complete backup (so one still running is left alone);
 * - a manifest that cannot be read is kept and reported: rotation never
 *   deletes what it does not understand.
 */
import { isComplete, newestComplete, timeOf, type StoredBackup } from './stored-backups';

const DAY_MS = 86_400_000;

export interface RotationPlan {
  readonly remove: readonly StoredBackup[];
  readonly keep: readonly StoredBackup[];
  /** Backups whose manifest exists but does not parse. */
  readonly unreadable: readonly StoredBackup[];
}

export function planRotation(backups: readonly StoredBackup[], now: Date, retentionDays: number): RotationPlan {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const remove: StoredBackup[] = [];
  const keep: StoredBackup[] = [];
  const unreadable: StoredBackup[] = [];
  for (const group of groupBySource(backups).values()) {
    const newest = newestComplete(group);
    const newestTime = newest ? timeOf(newest) : -Infinity;
    for (const backup of group) {
      if (backup.manifestProblem !== undefined) {
        unreadable.push(backup);
        keep.push(backup);
      } else if (backup === newest) {
        keep.push(backup);
      } else if (isComplete(backup)) {
        (timeOf(backup) < cutoff ? remove : keep).push(backup);
      } else {
        (timeOf(backup) < cutoff && timeOf(backup) < newestTime ? remove : keep).push(backup);
      }
    }
  }
  return { remove, keep, unreadable };
}

function groupBySource(backups: readonly StoredBackup[]): Map<string, StoredBackup[]> {
  const groups = new Map<string, StoredBackup[]>();
  for (const backup of backups) {
    const group = groups.get(backup.segment) ?? [];
    group.push(backup);
    groups.set(backup.segment, group);
  }
  return groups;
}
