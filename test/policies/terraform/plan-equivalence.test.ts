/**
 * Done when: an HCL module gives the same findings as its plan JSON wherever
 * the values are static. The module uses for_each, count, locals, a
 * conditional and a local child module with an input; plan.json is what
 * `terraform show -json` prints for it (trimmed to what the controls read).
 */
import { CONTROLS } from '../../../policies/catalog';
import { auditPathsAsync } from '../../../policies/gate';
import type { AuditResult } from '../../../policies/types';

const RESOURCE_CONTROLS = CONTROLS.filter((c) => c.scope === 'resource' && (c.area === 'digitalocean' || c.area === 'monitoring'));
const outcomes = (r: AuditResult): string[] => r.findings.map((f) => `${f.controlId} ${f.address} ${f.status}`).sort();

describe('HCL module and its plan JSON', () => {
  let hcl: AuditResult;
  let plan: AuditResult;
  beforeAll(async () => {
    hcl = await auditPathsAsync({ paths: ['test/fixtures/terraform/plan-equivalent'], controls: RESOURCE_CONTROLS });
    plan = await auditPathsAsync({ paths: ['test/fixtures/terraform/plan-equivalent-plan/plan.json'], controls: RESOURCE_CONTROLS });
  });

  it('address resources alike (count, for_each, module)', () => {
    const addresses = (r: AuditResult) => [...new Set(r.findings.map((f) => f.address))].sort();
    expect(addresses(hcl)).toEqual(addresses(plan));
  });

  it('give the same outcome for every DigitalOcean resource control', () => {
    expect(outcomes(hcl)).toEqual(outcomes(plan));
    expect(outcomes(hcl)).toEqual(
      expect.arrayContaining([
        'TOM-IAM-02 digitalocean_spaces_bucket.data["exports"] fail',
        'TOM-IAM-02 digitalocean_spaces_bucket.data["media"] pass',
        'TOM-NET-02 digitalocean_firewall.edge[1] fail',
        'TOM-NET-02 digitalocean_firewall.edge[0] pass',
        'TOM-CFG-01 module.k8s.digitalocean_kubernetes_cluster.main fail',
        'TOM-RES-01 digitalocean_spaces_bucket.data["exports"] fail',
      ]),
    );
  });
});
