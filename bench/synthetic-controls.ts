/**
 * Stand-in controls that pad the benchmark's catalogue to a realistic size
 * while the real catalogue is still small: each reads a few attributes and,
 * like the real cross-resource checks, looks up its neighbours in the index.
 */
import type { Control, ResourceControl } from '../policies/types';
import { fail, pass } from '../policies/types';
import { attr, isTrue } from '../policies/values';

const TYPES = [
  'digitalocean_droplet',
  'digitalocean_database_cluster',
  'digitalocean_spaces_bucket',
  'digitalocean_loadbalancer',
  'digitalocean_kubernetes_cluster',
  'cloudflare_dns_record',
  'kubernetes_deployment_v1',
  'AWS::S3::Bucket',
];

function synthetic(k: number): ResourceControl {
  const type = TYPES[k % TYPES.length];
  return {
    id: `BENCH-${String(k).padStart(2, '0')}`,
    title: `Synthetic benchmark control ${k}`,
    severity: (['critical', 'high', 'medium', 'low'] as const)[k % 4],
    iso27001_2022: ['A.8.9'],
    iso27001_2013: [],
    gdprArt32: ['b'],
    tomCategory: 'Eingabekontrolle',
    measures: ['M19'],
    measure: 'Benchmark padding.',
    equivalents: [],
    rationale: 'Benchmark padding.',
    remediation: 'None.',
    area: 'cross',
    scope: 'resource',
    appliesTo: [type],
    check: (r, index) => {
      const region = attr(r.values, 'region') ?? attr(r.values, 'metadata.namespace');
      const linked = index.referencing(r).length + index.referencedBy(r).length;
      if (region === 'nyc3') return fail('outside the EU', 'region');
      // A cross-resource lookup on every subject (what the real cross checks cost); unlinked and unproxied fails.
      return isTrue(attr(r.values, 'proxied')) || linked > 0 ? pass() : fail('unlinked', 'id');
    },
  };
}

/** `count` synthetic controls. */
export function syntheticControls(count: number): Control[] {
  return Array.from({ length: Math.max(0, count) }, (_, k) => synthetic(k));
}
