/**
 * Area rules for the DigitalOcean and cross-cutting catalogue entries. The
 * ISO 2022 → 2013 mapping itself is checked catalogue-wide in
 * test/policies/catalog.test.ts against data/iso27001-annex-a.ts.
 */
import { CROSS_CONTROLS } from '../../../policies/checks/cross';
import { DIGITALOCEAN_CONTROLS } from '../../../policies/checks/digitalocean';

const PREFIXES = /^TOM-(RES|NET|IAM|ENC|AVL|CFG|DEL|SEP|SEC|GOV|ISMS)-\d{2}$/;
const controls = [...DIGITALOCEAN_CONTROLS, ...CROSS_CONTROLS];

describe.each(controls.map((c) => [c.id, c] as const))('%s', (id, c) => {
  it('uses this area\'s id prefixes', () => expect(id).toMatch(PREFIXES));

  it('maps A.13.2.x only together with A.5.14', () => {
    if (c.iso27001_2013.some((x) => x.startsWith('A.13.2.'))) expect(c.iso27001_2022).toContain('A.5.14');
  });

  it('names measures from tom-measures.md and says what it proves', () => {
    expect(c.measures.length).toBeGreaterThan(0);
    for (const m of c.measures) expect(Number(/^M(\d+)$/.exec(m)?.[1])).toBeLessThanOrEqual(22);
    for (const text of [c.title, c.measure, c.rationale, c.remediation]) expect(text.length).toBeGreaterThan(10);
  });

  if (c.scope === 'inherited') {
    it('carries its source with a URL and an ISO date', () => {
      expect(c.inherited.document).toMatch(/https:\/\//);
      expect(c.inherited.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
  }
});
