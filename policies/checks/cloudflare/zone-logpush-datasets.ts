import { LOGPUSH_DATASETS } from '../../../data/cloudflare';
import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { isTrue, show } from '../../values';
import { checkZones, combine, missingResourcePath, zoneResources } from './helpers/zone';
import type { ZoneProblem } from './helpers/zone';

/** The zone logs that prove who requested what (HTTP requests) and what the WAF stopped (firewall events). */
export const REQUIRED_DATASETS: readonly string[] = LOGPUSH_DATASETS;

/**
 * Every zone pushes its HTTP request and firewall event logs
 * (`cloudflare_logpush_job` per dataset, `enabled` true): Cloudflare keeps them
 * only briefly and only on paid plans, so without Logpush there is no record.
 */
export function zoneLogpushDatasets(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, `Logpush jobs run for ${REQUIRED_DATASETS.join(' and ')}`, (zone) => {
    const jobs = zoneResources(zone, 'cloudflare_logpush_job');
    const problems: ZoneProblem[] = [];
    for (const dataset of REQUIRED_DATASETS) {
      const forDataset = jobs.filter((j) => j.values.dataset === dataset);
      if (forDataset.some((j) => isTrue(j.values.enabled))) continue;
      problems.push(
        forDataset.length === 0
          ? { reason: `no cloudflare_logpush_job for dataset "${dataset}"`, path: missingResourcePath('cloudflare_logpush_job', 'dataset', dataset) }
          : { reason: `${forDataset[0].address} (dataset "${dataset}") has enabled ${show(forDataset[0].values.enabled)} (required: true)`, path: `${forDataset[0].address}.enabled` },
      );
    }
    return combine(problems);
  });
}

export const control: StackControl = {
  id: 'TOM-EDGE-13',
  title: 'HTTP request and firewall event logs are pushed',
  severity: 'medium',
  iso27001_2022: ['A.8.15', 'A.8.16'],
  iso27001_2013: ['A.12.4.1'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M7'],
  measure: 'Every request to the service and every WAF decision is logged to storage we control.',
  equivalents: [],
  rationale: 'Cloudflare keeps request logs only briefly and only on some plans; without Logpush there is no record to establish who accessed what, or what an attack tried.',
  remediation:
    'Add `cloudflare_logpush_job { zone_id, dataset = "http_requests", enabled = true, destination_conf = "s3://BUCKET/http?region=fra1&endpoint=fra1.digitaloceanspaces.com" }` and a second job with `dataset = "firewall_events"`.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneLogpushDatasets,
};
