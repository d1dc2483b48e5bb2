/**
 * Finding the backup runner's CronJobs (`backup/`: `run` and `restore-drill`)
 * in a stack and judging their schedules. Shared by the backup checks.
 *
 * A CronJob's role is its `app.kubernetes.io/component` label (`backup` or
 * `restore-drill`, as the stacks emit it). Without the label, the runner's
 * command decides: first container args `["run"]` or `["restore-drill"]` in a
 * pod that sets `BACKUP_*` env vars, so an unlabelled copy of the job is still
 * audited rather than silently skipped.
 */
import type { CheckResult, InventoryIndex, InventoryResource, StackInfo } from '../../../types';
import { fail, notApplicable, pass } from '../../../types';
import { attr, isTrue, strings } from '../../../values';
import { scheduleGap } from './schedule';
import { describeStacks, environmentStacks } from '../../common/environment';
import { componentLabel, containers, CRON_JOB_TYPES, envVars, podSpec } from '../../kubernetes/helpers/workload';

export type BackupRole = 'backup' | 'restore-drill';

const ROLES: readonly BackupRole[] = ['backup', 'restore-drill'];
const RUNNER_COMMAND: Readonly<Record<string, BackupRole>> = { run: 'backup', 'restore-drill': 'restore-drill' };

/** The role of a CronJob in the backup scheme, or undefined when it is not a backup runner job. */
export function backupRole(resource: InventoryResource): BackupRole | undefined {
  if (!CRON_JOB_TYPES.includes(resource.type)) return undefined;
  const label = componentLabel(resource);
  if (label !== undefined) return ROLES.find((r) => r === label);
  const pod = podSpec(resource);
  if (!pod) return undefined;
  for (const c of containers(pod)) {
    const command = strings(c.container.args)[0];
    const role = command === undefined ? undefined : RUNNER_COMMAND[command];
    if (role && envVars(c).some((e) => e.name.startsWith('BACKUP_'))) return role;
  }
  return undefined;
}

/** The stack's CronJobs of one backup role. */
export function backupJobs(index: InventoryIndex, stack: string, role: BackupRole): InventoryResource[] {
  return CRON_JOB_TYPES.flatMap((t) => index.byType(t, stack)).filter((r) => backupRole(r) === role);
}

/** Databases the backup scheme protects: the stack's managed database clusters. */
export const databaseClusters = (index: InventoryIndex, stack: string): readonly InventoryResource[] =>
  index.byType('digitalocean_database_cluster', stack);

/**
 * Stack check shared by "daily backup" and "weekly restore drill": a stack
 * with a managed database needs an active CronJob of `role` that fires at
 * least every `maxHours`, in the same stack or another stack of its
 * environment (`workloads-<env>` beside `platform-<env>`, see
 * `environment.ts`). Not applicable to stacks without a database.
 */
export function scheduledJobCheck(stack: StackInfo, index: InventoryIndex, role: BackupRole, maxHours: number): CheckResult {
  const databases = databaseClusters(index, stack.name);
  if (databases.length === 0) return notApplicable('the stack has no digitalocean_database_cluster');
  const stacks = environmentStacks(stack.name, index);
  const jobs = stacks.flatMap((s) => backupJobs(index, s, role));
  if (jobs.length === 0) {
    return fail(
      `${databases[0].address} has no kubernetes_cron_job_v1 labelled app.kubernetes.io/component=${role} in ${describeStacks(stacks)}`,
      'kubernetes_cron_job_v1.metadata.labels.app.kubernetes.io/component',
    );
  }
  let firstProblem: CheckResult | undefined;
  for (const job of jobs) {
    if (isTrue(attr(job.values, 'spec.suspend'))) {
      firstProblem ??= fail(`${job.address} is suspended (spec.suspend = true), so it never runs`, `${job.address}.spec.suspend`);
      continue;
    }
    const schedule = attr(job.values, 'spec.schedule');
    if (typeof schedule !== 'string' || schedule.trim() === '') {
      firstProblem ??= fail(`${job.address} has no spec.schedule`, `${job.address}.spec.schedule`);
      continue;
    }
    const timeZone = attr(job.values, 'spec.timezone');
    const gap = scheduleGap(schedule, maxHours, typeof timeZone === 'string' && timeZone !== '' ? timeZone : undefined);
    if (gap.ok) return pass(`${job.address} runs "${schedule}" (at least every ${maxHours} h)`, `${job.address}.spec.schedule`);
    firstProblem ??= fail(`${job.address}: ${gap.reason}`, `${job.address}.spec.schedule`);
  }
  return firstProblem ?? fail(`no active ${role} job`, 'kubernetes_cron_job_v1.spec.schedule');
}
