import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_CONTROLS } from '../../../policies/catalog/aws';
import { CLOUDFLARE_CONTROLS } from '../../../policies/catalog/cloudflare';
import type { Control } from '../../../policies/types';

const AREAS: readonly [string, readonly Control[], string][] = [
  ['cloudflare', CLOUDFLARE_CONTROLS, 'TOM-EDGE'],
  ['aws', AWS_CONTROLS, 'TOM-VLT'],
];

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

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

  it('takes every check from its own file, named after the file, and leaves no check unused', () => {
    const folder = join(__dirname, '../../../policies/checks', area);
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    const used = controls.flatMap((c) => {
      if (c.scope === 'inherited') return [];
      const file = `${kebab(c.check.name)}.ts`;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(folder, file)) as Record<string, unknown>;
      expect(mod[c.check.name]).toBe(c.check);
      return [file];
    });
    expect([...used].sort()).toEqual([...files].sort());
  });
});
