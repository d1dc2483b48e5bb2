/**
 * `rotate`: applies the rotation plan under BACKUP_PREFIX. A backup's
 * manifest is deleted first, so a rotation cut short leaves an incomplete
 * folder (removed next time), never a manifest pointing at missing data.
 * The bucket's lifecycle rule is the second line of defence.
 */
import type { RotateConfig } from './config';
import { clockAheadProblem } from './clock';
import { ConfigError, messageOf } from './errors';
import type { Log } from './log';
import { planRotation } from './rotation-plan';
import { createS3Client, deleteKey, location } from './s3';
import { throwIfStopped } from './stop';
import { futureStampNote, isFutureStamped, listStoredBackups, type StoredBackup } from './stored-backups';

export async function rotateBackups(config: RotateConfig, log: Log, stop?: AbortSignal): Promise<boolean> {
  const started = performance.now();
  const client = createS3Client(config.s3);
  const deleted: string[] = [];
  try {
    const backups = await listStoredBackups(client, config.s3);
    const clockProblem = clockAheadProblem(client, config, 'rotating by it would count every backup as older than it is and delete them');
    if (clockProblem && !config.dryRun) throw clockProblem;
    if (clockProblem) log.error(`${clockProblem.message} (dry run: planned anyway, nothing is deleted)`);
    const plan = planRotation(backups, config.now, config.retentionDays);
    const futureStamped = backups.filter(isFutureStamped);
    for (const backup of futureStamped) log.error(futureStampNote(backup, location(config.s3, folderOf(config, backup))));
    for (const backup of plan.unreadable) {
      log.error(`kept ${location(config.s3, backup.manifestKey ?? '')}: its manifest cannot be read (${backup.manifestProblem}); delete it by hand once checked.`);
    }
    for (const backup of plan.remove) {
      throwIfStopped(stop, `after deleting ${deleted.length} of ${plan.remove.length} backups; nothing is half-deleted (a manifest goes first)`);
      const folder = folderOf(config, backup);
      log.progress(`${config.dryRun ? 'would delete' : 'deleting'} ${location(config.s3, folder)} (${backup.manifest ? 'complete' : 'incomplete'})`);
      if (!config.dryRun) {
        for (const key of deletionOrder(backup)) await deleteKey(client, config.s3, key);
      }
      deleted.push(folder);
    }
    log.summary({
      event: 'backup.rotate', status: 'ok', dryRun: config.dryRun, now: config.now.toISOString(), retentionDays: config.retentionDays,
      kept: plan.keep.length, deleted, unreadable: plan.unreadable.length, futureStamped: futureStamped.length, durationMs: Math.round(performance.now() - started),
    });
    return true;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const message = messageOf(err);
    log.error(`rotation failed: ${message}`);
    log.summary({ event: 'backup.rotate', status: 'failed', deleted, error: message, durationMs: Math.round(performance.now() - started) });
    return false;
  } finally {
    client.destroy();
  }
}

function folderOf(config: RotateConfig, backup: StoredBackup): string {
  return `${config.s3.prefix}/${backup.segment}/${backup.stamp}/`;
}

/** Manifest first, then the data objects. */
function deletionOrder(backup: StoredBackup): string[] {
  return [...backup.keys].sort((a, b) => Number(b === backup.manifestKey) - Number(a === backup.manifestKey));
}
