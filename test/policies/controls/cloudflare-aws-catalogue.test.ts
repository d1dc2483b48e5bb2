import { AWS_CONTROLS } from '../../../policies/checks/aws';
import { CLOUDFLARE_CONTROLS } from '../../../policies/checks/cloudflare';
import type { Control } from '../../../policies/types';

const AREAS: readonly [string, readonly Control[], string][] = [
  ['cloudflare', CLOUDFLARE_CONTROLS, 'TOM-EDGE'],
  ['aws', AWS_CONTROLS, 'TOM-VLT'],
];

describe.each(AREAS)('%s catalogue', (area, controls, prefix) => {
  it('numbers its ids from 01 without gaps', () => {
    expect(controls.map((c) => c.id)).toEqual(controls.map((_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`));
  });

  // The ISO 2022 → 2013 mapping of every control is checked catalogue-wide in test/policies/catalog.test.ts.

  it.each(controls.map((c) => [c.id, c] as const))('%s has complete catalogue fields', (_id, control) => {
    expect(control.area).toBe(area);
    expect(control.gdprArt32.length).toBeGreaterThan(0);
    expect(control.measures.length).toBeGreaterThan(0);
    for (const m of control.measures) expect(m).toMatch(/^M([1-9]|1\d|2[0-2])$/);
    expect(new Set(control.equivalents).size).toBe(control.equivalents.length);
    for (const text of [control.title, control.measure, control.rationale, control.remediation]) expect(text.length).toBeGreaterThan(10);
    if (control.scope === 'resource' || control.scope === 'inherited') expect(control.appliesTo.length).toBeGreaterThan(0);
    if (control.scope === 'inherited') {
      expect(control.inherited.document).toMatch(/https:\/\//);
      expect(control.inherited.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  // One file per control, its check named after the file: test/policies/catalogue-registration.test.ts.
});
