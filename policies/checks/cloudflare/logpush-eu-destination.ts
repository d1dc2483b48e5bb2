import { fail, pass } from '../../types';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { AWS_EU_REGIONS, DIGITALOCEAN_EU_REGIONS, isAwsEuRegion, isDigitalOceanEuRegion } from '../common/regions';
import { show } from '../../values';

const DO_SPACES_HOST = /^([a-z0-9]+)\.digitaloceanspaces\.com$/;
const AWS_S3_HOST = /^s3[.-](?:dualstack\.)?([a-z0-9-]+)\.amazonaws\.com$/;
const ALLOWED =
  `s3:// with region ${AWS_EU_REGIONS.join('|')}, or endpoint ` +
  `{${DIGITALOCEAN_EU_REGIONS.join('|')}}.digitaloceanspaces.com or s3.<EU region>.amazonaws.com`;

/** The query parameters of a destination URI (`${…}` interpolations in the path do not matter). */
function queryParams(conf: string): Map<string, string> {
  const query = conf.includes('?') ? conf.slice(conf.indexOf('?') + 1) : '';
  return new Map(
    query
      .split('&')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')).toLowerCase(), pair.slice(pair.indexOf('=') + 1)] as const),
  );
}

/** Why the endpoint host is not an EU storage endpoint, or undefined when it is. */
function endpointProblem(endpoint: string): string | undefined {
  const host = endpoint.replace(/^https?:\/\//i, '').split(/[/:]/)[0].toLowerCase();
  const spaces = DO_SPACES_HOST.exec(host);
  if (spaces) return isDigitalOceanEuRegion(spaces[1]) ? undefined : `endpoint ${host} is in region "${spaces[1]}", outside the EU`;
  const s3 = AWS_S3_HOST.exec(host);
  if (s3) return isAwsEuRegion(s3[1]) ? undefined : `endpoint ${host} is in region "${s3[1]}", outside the EU`;
  return `endpoint ${host} is not a known EU storage endpoint`;
}

/** Why a Logpush `destination_conf` is not verifiably in the EU, or undefined when it is. */
export function destinationProblem(conf: unknown): string | undefined {
  if (typeof conf !== 'string' || conf.trim() === '') return `destination_conf is ${show(conf)}`;
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(conf)?.[1]?.toLowerCase();
  if (scheme !== 's3') return `destination scheme ${show(scheme ?? conf)} cannot be shown to store in the EU`;
  const params = queryParams(conf);
  const region = params.get('region');
  const endpoint = params.get('endpoint');
  if (endpoint) {
    const problem = endpointProblem(endpoint);
    if (problem) return problem;
    if (region !== undefined && !isAwsEuRegion(region) && !isDigitalOceanEuRegion(region)) return `region "${region}" is outside the EU`;
    return undefined;
  }
  if (region === undefined) return 'destination_conf names no region, so the bucket location is unknown';
  return isAwsEuRegion(region) ? undefined : `region "${region}" is not an EU AWS region`;
}

/**
 * Every Logpush job writes to storage in the EU: the logs hold visitors' IP
 * addresses and URLs, so they are personal data under the same location
 * promise as the application's. Only `s3://` destinations can be verified:
 * an EU AWS `region`, or an EU DigitalOcean Spaces / AWS S3 `endpoint`.
 */
export function logpushEuDestination(job: InventoryResource): CheckResult {
  const problem = destinationProblem(job.values.destination_conf);
  if (problem) return fail(`${problem} (allowed: ${ALLOWED})`, 'destination_conf');
  return pass('logs are pushed to EU storage', 'destination_conf');
}

export const control: ResourceControl = {
  id: 'TOM-EDGE-14',
  title: 'Edge logs are stored in the EU',
  severity: 'high',
  iso27001_2022: ['A.5.23', 'A.5.34'],
  iso27001_2013: ['A.18.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M1', 'M7'],
  measure: 'Edge logs, which hold visitor IP addresses and URLs, are stored only in EU regions.',
  equivalents: [],
  rationale: 'Request logs are personal data; a Logpush destination outside the EU breaks the data-location promise just as an application database would.',
  remediation:
    'Point `destination_conf` at an EU bucket: `s3://BUCKET/PATH?region=eu-central-1`, or an S3-compatible endpoint in fra1/ams3 (`…?region=fra1&endpoint=fra1.digitaloceanspaces.com`).',
  area: 'cloudflare',
  scope: 'resource',
  appliesTo: ['cloudflare_logpush_job'],
  check: logpushEuDestination,
};
