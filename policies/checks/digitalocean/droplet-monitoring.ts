import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { isTrue } from '../../values';
import { DROPLET } from './helpers/catalogue';

/**
 * TOM-CFG-05. Droplets run the DigitalOcean metrics agent (`monitoring =
 * true`, default false); without it memory and disk alerts never fire.
 */
export function dropletMonitoring(droplet: InventoryResource): CheckResult {
  if (isTrue(droplet.values.monitoring)) return pass('monitoring agent enabled', 'monitoring');
  return fail(`monitoring is ${JSON.stringify(droplet.values.monitoring ?? null)}; enable the metrics agent so memory and disk alerts can fire`, 'monitoring');
}

export const control: ResourceControl = {
  id: 'TOM-CFG-05',
  title: 'Droplet metrics agent enabled',
  severity: 'medium',
  iso27001_2022: ['A.8.6', 'A.8.16'],
  iso27001_2013: ['A.12.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M12'],
  measure: 'Server capacity (memory, disk) is monitored continuously.',
  equivalents: [],
  rationale: 'Memory and disk metrics, and the alerts on them, exist only when the DigitalOcean agent runs (`monitoring = true`, default false).',
  remediation: 'Set `monitoring = true` on every `digitalocean_droplet`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [DROPLET],
  check: dropletMonitoring,
};
