import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_CONTROLS } from '../../../policies/catalog/aws';
import { CLOUDFLARE_CONTROLS } from '../../../policies/catalog/cloudflare';
import type { Control } from '../../../policies/types';

/**
 * ISO/IEC 27001:2022 Annex A ids used by these controls → their 2013
 * predecessors (ISO/IEC 27002:2022 Annex B correspondence; [] = new in 2022).
 */
const PREDECESSORS: Readonly<Record<string, readonly string[]>> = {
  'A.5.14': ['A.13.2.1', 'A.13.2.2', 'A.13.2.3'],
  'A.5.15': ['A.9.1.1', 'A.9.1.2'],
  'A.5.23': [],
  'A.5.33': ['A.18.1.3'],
  'A.5.34': ['A.18.1.4'],
  'A.7.1': ['A.11.1.1'],
  'A.7.2': ['A.11.1.2', 'A.11.1.6'],
  'A.7.3': ['A.11.1.3'],
  'A.7.4': [],
  'A.8.2': ['A.9.2.3'],
  'A.8.3': ['A.9.4.1'],
  'A.8.5': ['A.9.4.2'],
  'A.8.10': [],
  'A.8.13': ['A.12.3.1'],
  'A.8.15': ['A.12.4.1', 'A.12.4.2', 'A.12.4.3'],
  'A.8.16': [],
  'A.8.20': ['A.13.1.1'],
  'A.8.21': ['A.13.1.2'],
  'A.8.24': ['A.10.1.1', 'A.10.1.2'],
  'A.8.26': ['A.14.1.2', 'A.14.1.3'],
};

const AREAS: readonly [string, readonly Control[], string][] = [
  ['cloudflare', CLOUDFLARE_CONTROLS, 'TOM-EDGE'],
  ['aws', AWS_CONTROLS, 'TOM-VLT'],
];

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

describe.each(AREAS)('%s catalogue', (area, controls, prefix) => {
  it('numbers its ids from 01 without gaps', () => {
    expect(controls.map((c) => c.id)).toEqual(controls.map((_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`));
  });

  it.each(controls.map((c) => [c.id, c] as const))('%s maps ISO 27001:2022 to its 2013 predecessors', (_id, control) => {
    for (const id of control.iso27001_2022) expect(PREDECESSORS[id]).toBeDefined();
    const allowed = new Set(control.iso27001_2022.flatMap((id) => PREDECESSORS[id] ?? []));
    expect(control.iso27001_2013.filter((id) => !allowed.has(id))).toEqual([]);
    for (const id of control.iso27001_2022) {
      const old = PREDECESSORS[id] ?? [];
      if (old.length > 0) expect(control.iso27001_2013.some((x) => old.includes(x))).toBe(true);
    }
  });

  it.each(controls.map((c) => [c.id, c] as const))('%s has complete catalogue fields', (_id, control) => {
    expect(control.provider).toBe(area);
    expect(control.gdprArt32.length).toBeGreaterThan(0);
    expect(control.measures.length).toBeGreaterThan(0);
    for (const m of control.measures) expect(m).toMatch(/^M([1-9]|1\d|2[0-2])$/);
    expect(new Set(control.equivalents).size).toBe(control.equivalents.length);
    for (const text of [control.title, control.measure, control.rationale, control.remediation]) expect(text.length).toBeGreaterThan(10);
    if (control.scope !== 'stack') expect(control.appliesTo.length).toBeGreaterThan(0);
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
