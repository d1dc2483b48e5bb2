import { CONTROLS } from '../../../policies/catalog';
import { evaluate } from './harness';
import { AWS_FIXTURES } from './fixtures/aws';
import { BACKUP_FIXTURES } from './fixtures/backup';
import { CLOUDFLARE_FIXTURES } from './fixtures/cloudflare';
import { CROSS_FIXTURES } from './fixtures/cross';
import { DIGITALOCEAN_FIXTURES } from './fixtures/digitalocean';
import { KUBERNETES_FIXTURES } from './fixtures/kubernetes';
import { MONITORING_FIXTURES } from './fixtures/monitoring';

const FIXTURES = {
  ...AWS_FIXTURES,
  ...BACKUP_FIXTURES,
  ...CLOUDFLARE_FIXTURES,
  ...CROSS_FIXTURES,
  ...DIGITALOCEAN_FIXTURES,
  ...KUBERNETES_FIXTURES,
  ...MONITORING_FIXTURES,
};

describe.each(CONTROLS.map((c) => [c.id, c] as const))('%s', (id, control) => {
  const fixture = FIXTURES[id];

  it('has a compliant and a non-compliant fixture', () => {
    expect(fixture).toBeDefined();
  });

  if (!fixture) return;

  if (control.scope === 'inherited') {
    it('reports every subject as inherited, never as passed', () => {
      const outcomes = evaluate(control, fixture.compliant);
      expect(outcomes.length).toBeGreaterThan(0);
      expect(outcomes.every((o) => o.status === 'inherited')).toBe(true);
    });
    return;
  }

  it('passes the compliant fixture', () => {
    const outcomes = evaluate(control, fixture.compliant);
    expect(outcomes.filter((o) => o.status === 'fail')).toEqual([]);
    expect(outcomes.some((o) => o.status === 'pass')).toBe(true);
  });

  it('fails exactly the violating subjects of the non-compliant fixture, naming the attribute path', () => {
    const failed = evaluate(control, fixture.nonCompliant).filter((o) => o.status === 'fail');
    expect(failed.map((o) => o.address).sort()).toEqual([...fixture.failing].sort());
    for (const f of failed) {
      expect(f.reason).toBeTruthy();
      expect(f.path).toBeTruthy();
    }
  });
});

it('has no fixture for a control that does not exist', () => {
  const ids = new Set(CONTROLS.map((c) => c.id));
  expect(Object.keys(FIXTURES).filter((id) => !ids.has(id))).toEqual([]);
});
