import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { attr } from '../../values';
import { backupRole, databaseClusters } from './helpers/jobs';
import { environmentStacks } from '../common/environment';
import { findEnv, podSpec, type PodSpec, CRON_JOB_TYPES } from '../kubernetes/helpers/workload';
import { isHttpsUrl, urlHost } from '../monitoring/helpers/routes';
import { AWS_EU_REGIONS, DIGITALOCEAN_EU_REGIONS, isAwsEuRegion, isDigitalOceanEuRegion } from '../common/regions';

const SPACES_HOST = /^(?:(.+)\.)?digitaloceanspaces\.com$/;
const AWS_S3_HOST = /(?:^|\.)s3[.-](?:dualstack\.)?([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/;

/**
 * Backups go off-site over TLS: the backup and restore-drill jobs reach their
 * bucket over https (`AWS_ENDPOINT_URL_S3`, when set, is `https://`), and the
 * bucket is outside the primary's failure domain but inside the EU: AWS S3 in
 * an EU region (`AWS_REGION` when no endpoint is set, else the endpoint's
 * region), or DigitalOcean Spaces in an EU region other than the region of
 * the databases it backs up (those it references, else those of its
 * environment's stacks). Endpoints whose location cannot be told fail.
 */
export function backupOffSiteTls(resource: InventoryResource, index: InventoryIndex): CheckResult {
  if (!backupRole(resource)) return notApplicable('not a backup or restore-drill job');
  const pod = podSpec(resource);
  if (!pod) return fail('the job has no pod spec', 'spec.job_template.spec.template.spec');
  const endpoint = findEnv(pod, 'AWS_ENDPOINT_URL_S3') ?? findEnv(pod, 'AWS_ENDPOINT_URL');
  if (!endpoint) return awsRegion(pod);
  const { env } = endpoint;
  if (env.valueFrom) return fail(`${env.name} comes from value_from, so the audit cannot prove it is https and off-site; set it as a literal value`, `${env.path}.value_from`);
  const path = `${env.path}.value`;
  if (!isHttpsUrl(env.value)) return fail(`${env.name} "${String(env.value)}" is not an https:// URL: backups would travel unencrypted`, path);
  const host = urlHost(env.value) ?? '';
  const spaces = SPACES_HOST.exec(host);
  if (spaces) return spacesRegion(resource, index, (spaces[1] ?? '').split('.').pop() ?? '', path);
  const aws = AWS_S3_HOST.exec(host);
  if (aws) {
    return isAwsEuRegion(aws[1])
      ? pass(`backups go over https to AWS S3 in ${aws[1]}`, path)
      : fail(`${env.name} points at AWS region "${aws[1]}", not an EU region (allowed: ${AWS_EU_REGIONS.join(', ')})`, path);
  }
  return fail(`${env.name} host "${host}" is neither AWS S3 nor DigitalOcean Spaces, so the audit cannot tell whether it is in the EU and off-site`, path);
}

/** No endpoint: the AWS SDK talks to S3 in `AWS_REGION` (or `AWS_DEFAULT_REGION`). */
function awsRegion(pod: PodSpec): CheckResult {
  const found = findEnv(pod, 'AWS_REGION') ?? findEnv(pod, 'AWS_DEFAULT_REGION');
  if (!found) return fail('neither AWS_ENDPOINT_URL_S3 nor AWS_REGION is set, so the backup bucket location is unknown', `${pod.path}.container[0].env`);
  const { env } = found;
  if (env.valueFrom) return fail(`${env.name} comes from value_from, so the audit cannot prove the bucket is in the EU`, `${env.path}.value_from`);
  return isAwsEuRegion(env.value)
    ? pass(`backups go over https (SDK default) to AWS S3 in ${String(env.value)}`, `${env.path}.value`)
    : fail(`${env.name} "${String(env.value)}" is not an EU AWS region (allowed: ${AWS_EU_REGIONS.join(', ')})`, `${env.path}.value`);
}

/** Spaces: an EU region other than that of the databases the job backs up. */
function spacesRegion(job: InventoryResource, index: InventoryIndex, hostRegion: string, path: string): CheckResult {
  // `https://${digitalocean_spaces_bucket.b.region}.digitaloceanspaces.com`: the referenced bucket says.
  const bucket = index.referencedBy(job, 'digitalocean_spaces_bucket')[0];
  const region = (hostRegion.includes('${') ? attr(bucket?.values, 'region') : hostRegion) ?? '';
  if (!isDigitalOceanEuRegion(region)) {
    return fail(`backup endpoint is in Spaces region "${String(region)}", not an EU region (allowed: ${DIGITALOCEAN_EU_REGIONS.join(', ')})`, path);
  }
  const referenced = index.referencedBy(job, 'digitalocean_database_cluster');
  // A job in workloads-<env> reads its database through a data source: the environment's databases are the primaries.
  const primaries = referenced.length > 0 ? referenced : environmentStacks(job.stack, index).flatMap((s) => databaseClusters(index, s));
  const same = primaries.find((db) => attr(db.values, 'region') === region);
  if (same) return fail(`backup endpoint is in ${String(region)}, the same region as ${same.address}: not off-site`, path);
  return pass(`backups go over https to Spaces in ${String(region)}, away from the primary`, path);
}

export const control: ResourceControl = {
  id: 'TOM-BAK-04',
  title: 'Backups go off-site, in the EU, over TLS',
  severity: 'high',
  iso27001_2022: ['A.8.13', 'A.8.24', 'A.5.14'],
  iso27001_2013: ['A.12.3.1', 'A.10.1.1', 'A.13.2.1', 'A.13.2.2', 'A.13.2.3'],
  gdprArt32: ['a', 'c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M9', 'M1', 'M2'],
  measure: 'Backups are transferred over an encrypted connection to a backup store outside the primary data centre but inside the EU.',
  equivalents: [],
  rationale:
    'A backup in the same region as the database fails with it; a backup outside the EU breaks the data-location promise; a plain-http endpoint exposes the transfer. The endpoint and region the runner uses are env vars of its CronJob, so they are checked there.',
  remediation:
    'Leave AWS_ENDPOINT_URL_S3 unset and set AWS_REGION to an EU region (e.g. eu-central-1) for the AWS vault, or set AWS_ENDPOINT_URL_S3 to https://REGION.digitaloceanspaces.com with an EU region different from the database\'s region.',
  area: 'backup',
  scope: 'resource',
  appliesTo: CRON_JOB_TYPES,
  check: backupOffSiteTls,
};
