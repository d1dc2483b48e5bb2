/**
 * One module, three spellings: the same small company repo as HCL (`.tf`),
 * as object-form `.tf.json` and as array-form `.tf.json` (block labels and
 * bodies as arrays of objects, what hcl2json writes) must audit identically.
 * The array form used to read as zero resources and pass.
 */
import { auditPathsAsync } from '../../../policies/gate';
import type { AuditResult } from '../../../policies/types';

const FIXTURES = 'test/fixtures/terraform';
const findings = (r: AuditResult): string[] => r.findings.map((f) => `${f.controlId} ${f.address} ${f.status} ${f.reason}`).sort();

const results: Record<string, AuditResult> = {};
beforeAll(async () => {
  for (const form of ['shop-hcl', 'shop-json-object', 'shop-json-array']) {
    const r = await auditPathsAsync({ paths: [`${FIXTURES}/${form}`], waiversFile: undefined });
    // Stack names follow the folder; compare the findings as if all three were one stack.
    results[form] = { ...r, findings: r.findings.map((f) => ({ ...f, stack: 'shop', address: f.address === form ? 'shop' : f.address, reason: f.reason.split(form).join('shop') })) };
  }
});

describe('the same module as .tf, object-form .tf.json and array-form .tf.json', () => {
  it('gives identical findings in all three forms', () => {
    expect(findings(results['shop-json-object'])).toEqual(findings(results['shop-hcl']));
    expect(findings(results['shop-json-array'])).toEqual(findings(results['shop-hcl']));
  });

  it('reads every resource in each form (array form is not zero resources)', () => {
    for (const r of Object.values(results)) {
      expect(r.summary.resources).toBe(results['shop-hcl'].summary.resources);
      expect(r.summary.resources).toBeGreaterThanOrEqual(20);
    }
  });

  it('reads variables.tf.json and outputs.tf.json beside the resources as parts of the module', () => {
    expect(results['shop-json-object'].summary.compliant).toBe(false);
    expect(results['shop-json-object'].findings.some((f) => f.address === 'digitalocean_spaces_bucket.this["public-assets"]')).toBe(true);
  });
});
