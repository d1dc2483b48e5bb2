import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { attr, isRecord, num } from '../../values';
import { backupRole } from './helpers/jobs';
import { findEnv, fromSecret, metadataMap, podSpec, CRON_JOB_TYPES } from '../kubernetes/helpers/workload';
import { isHttpsUrl } from '../monitoring/helpers/routes';

/** CronJob annotation naming where a failed run is reported. */
export const ALERT_ROUTE_ANNOTATION = 'tom-kit/alert-route';
/** Env var the runner posts failures to (the same name the host IDS scripts use). */
export const ALERT_ROUTE_ENV = 'ALERT_WEBHOOK_URL';
/** Kubernetes' default is 6 retries; more hides a broken backup for hours. */
const MAX_BACKOFF = 6;

/**
 * A failed backup or restore drill reaches a person: the CronJob (or its job
 * template) carries the annotation `tom-kit/alert-route` with an https URL, or
 * its container gets `ALERT_WEBHOOK_URL` (https literal or a Secret
 * reference); the job gives up after an explicit `backoff_limit` of at most 6
 * retries, and failed jobs are kept (`failed_jobs_history_limit` not 0) as
 * evidence.
 */
export function backupFailureAlert(resource: InventoryResource): CheckResult {
  if (!backupRole(resource)) return notApplicable('not a backup or restore-drill job');
  const route = alertRoute(resource);
  if (route.status === 'fail') return route;
  const backoff = attr(resource.values, 'spec.job_template.spec.backoff_limit');
  const backoffPath = 'spec.job_template.spec.backoff_limit';
  if (backoff === undefined) return fail(`backoff_limit is not set: the job retries ${MAX_BACKOFF} times by default before it counts as failed`, backoffPath);
  const retries = num(backoff);
  if (retries === undefined || retries < 0 || retries > MAX_BACKOFF) {
    return fail(`backoff_limit "${String(backoff)}" is not a retry count between 0 and ${MAX_BACKOFF}`, backoffPath);
  }
  if (num(attr(resource.values, 'spec.failed_jobs_history_limit')) === 0) {
    return fail('failed_jobs_history_limit is 0, so a failed run leaves no trace', 'spec.failed_jobs_history_limit');
  }
  return route;
}

function alertRoute(resource: InventoryResource): CheckResult {
  const jobTemplate = attr(resource.values, 'spec.job_template');
  const annotations: [string, Readonly<Record<string, unknown>>][] = [
    ['metadata.annotations', metadataMap(resource.values, 'annotations')],
    ['spec.job_template.metadata.annotations', metadataMap(isRecord(jobTemplate) ? jobTemplate : undefined, 'annotations')],
  ];
  for (const [path, map] of annotations) {
    const url = map[ALERT_ROUTE_ANNOTATION];
    if (url === undefined) continue;
    return isHttpsUrl(url)
      ? pass(`failures are reported to ${ALERT_ROUTE_ANNOTATION} over https`, `${path}.${ALERT_ROUTE_ANNOTATION}`)
      : fail(`annotation ${ALERT_ROUTE_ANNOTATION} "${String(url)}" is not an https URL`, `${path}.${ALERT_ROUTE_ANNOTATION}`);
  }
  const pod = podSpec(resource);
  const found = pod && findEnv(pod, ALERT_ROUTE_ENV);
  if (found) {
    const { env } = found;
    if (fromSecret(env)) return pass(`failures are posted to ${ALERT_ROUTE_ENV} from a Secret`, `${env.path}.value_from`);
    return isHttpsUrl(env.value)
      ? pass(`failures are posted to ${ALERT_ROUTE_ENV} over https`, `${env.path}.value`)
      : fail(`${ALERT_ROUTE_ENV} "${String(env.value ?? '')}" is not an https URL or a Secret reference`, `${env.path}.value`);
  }
  return fail(
    `no alert route for failed runs: set annotation ${ALERT_ROUTE_ANNOTATION} (https URL) or env ${ALERT_ROUTE_ENV}`,
    `metadata.annotations.${ALERT_ROUTE_ANNOTATION}`,
  );
}

export const control: ResourceControl = {
  id: 'TOM-BAK-06',
  title: 'Failed backups and drills raise an alert',
  severity: 'medium',
  iso27001_2022: ['A.8.13', 'A.8.16'],
  iso27001_2013: ['A.12.3.1'],
  gdprArt32: ['b', 'c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M8', 'M10', 'M6'],
  measure: 'A backup or restore drill that fails is reported to the team at once instead of failing silently.',
  equivalents: [],
  rationale:
    'Backup jobs fail quietly: a full disk, an expired credential or a wrong key leaves a green dashboard and no backup. The job needs a route for its failure and a bounded number of retries so the failure surfaces the same night.',
  remediation:
    'Annotate the CronJob with tom-kit/alert-route: https://… (the webhook that receives failures) or give the container ALERT_WEBHOOK_URL from a Secret; set spec.job_template.spec.backoff_limit to 0–6 and keep failed_jobs_history_limit at 1 or more.',
  area: 'backup',
  scope: 'resource',
  appliesTo: CRON_JOB_TYPES,
  check: backupFailureAlert,
};
