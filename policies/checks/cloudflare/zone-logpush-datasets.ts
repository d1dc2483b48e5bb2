import { LOGPUSH_DATASETS } from '../../../data/cloudflare';
import type { CheckResult, InventoryIndex, StackInfo } from '../../types';
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
