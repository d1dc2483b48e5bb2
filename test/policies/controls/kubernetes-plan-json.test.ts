/**
 * The same fixtures written the way `terraform show -json` writes them: every
 * nested block of an SDK provider is a list (`spec: [{ template: [{ … }] }]`),
 * maps (`labels`, `limits`) stay objects. The backup, workload, IDS and
 * monitoring controls must reach the same verdicts, with the same paths.
 */
import { BACKUP_CONTROLS } from '../../../policies/checks/backup';
import { KUBERNETES_CONTROLS } from '../../../policies/checks/kubernetes';
import { MONITORING_CONTROLS } from '../../../policies/checks/monitoring';
import { evaluate, type FixtureCase } from './harness';
import { BACKUP_FIXTURES } from './fixtures/backup';
import { KUBERNETES_FIXTURES } from './fixtures/kubernetes';
import { MONITORING_FIXTURES } from './fixtures/monitoring';

/** Attributes that are maps, not blocks, in these providers' schemas. */
const MAP_ATTRIBUTES = new Set(['labels', 'annotations', 'limits', 'requests', 'match_labels', 'node_selector']);
/** SDKv2 providers write blocks as lists; Cloudflare v5 (plugin framework) keeps nested objects. */
const SDK_PROVIDERS = /^(digitalocean|kubernetes|helm)_/;

function planShape(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => planShape(v));
  if (typeof value !== 'object' || value === null) return value;
  const converted = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, planShape(v, k)]));
  return key && !MAP_ATTRIBUTES.has(key) ? [converted] : converted;
}

const asPlan = (c: FixtureCase): FixtureCase => ({
  ...c,
  resources: c.resources.map((r) => (SDK_PROVIDERS.test(r.type) ? { ...r, values: planShape(r.values) as Record<string, unknown> } : r)),
});

const FIXTURES = { ...BACKUP_FIXTURES, ...KUBERNETES_FIXTURES, ...MONITORING_FIXTURES };
const CONTROLS = [...BACKUP_CONTROLS, ...KUBERNETES_CONTROLS, ...MONITORING_CONTROLS];

describe.each(CONTROLS.map((c) => [c.id, c] as const))('%s on plan JSON', (id, control) => {
  it('reaches the same verdicts as on cdktf JSON', () => {
    const fixture = FIXTURES[id];
    for (const c of [fixture.compliant, fixture.nonCompliant]) {
      expect(evaluate(control, asPlan(c))).toEqual(evaluate(control, c));
    }
  });
});

it('really converts blocks to lists', () => {
  const [job] = asPlan(BACKUP_FIXTURES['TOM-BAK-02'].nonCompliant).resources;
  const spec = job.values.spec as Record<string, unknown>[];
  expect(Array.isArray(spec)).toBe(true);
  expect(Array.isArray((spec[0].job_template as unknown[])[0])).toBe(false);
  expect(Array.isArray(job.values.metadata)).toBe(true);
});
