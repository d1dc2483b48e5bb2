/**
 * Mapping rules for the DigitalOcean and cross-cutting catalogue entries
 * (brief: A.5.7, A.5.23, A.5.30, A.7.4, A.8.9–A.8.12, A.8.16, A.8.23, A.8.28 are
 * new in 2022 and contribute no 2013 id; A.13.2.x map to A.5.14).
 */
import { CROSS_CONTROLS } from '../../../policies/catalog/cross';
import { DIGITALOCEAN_CONTROLS } from '../../../policies/catalog/digitalocean';

const NEW_IN_2022 = new Set(['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28']);
const PREFIXES = /^TOM-(RES|NET|IAM|ENC|AVL|CFG|DEL|SEP|SEC|GOV)-\d{2}$/;
const controls = [...DIGITALOCEAN_CONTROLS, ...CROSS_CONTROLS];

describe.each(controls.map((c) => [c.id, c] as const))('%s', (id, c) => {
  it('uses this area\'s id prefixes', () => expect(id).toMatch(PREFIXES));

  it('lists 2013 predecessors exactly when some 2022 id has one', () => {
    const allNew = c.iso27001_2022.every((x) => NEW_IN_2022.has(x));
    expect(c.iso27001_2013.length === 0).toBe(allNew);
    for (const x of c.iso27001_2022) expect(x).toMatch(/^A\.[5-8]\.\d+$/);
    for (const x of c.iso27001_2013) expect(x).toMatch(/^A\.\d+\.\d+\.\d+$/);
  });

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
