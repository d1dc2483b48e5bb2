/**
 * Rules every control of the catalogue keeps, whichever area it belongs to.
 */
import { CONTROLS } from '../../policies/catalog';
import { ANNEX_A_2022 } from '../../data/iso27001-annex-a';
import { MEASURES, MEASURE_BY_ID, TOM_CATEGORIES } from '../../data/measures';
import { SEVERITIES } from '../../policies/types';

it('has at least 40 controls with unique, stable-looking ids', () => {
  expect(CONTROLS.length).toBeGreaterThanOrEqual(40);
  const ids = CONTROLS.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^TOM-[A-Z0-9]+-\d{2}$/);
});

describe.each(CONTROLS.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  it('maps to known ISO 27001:2022 Annex A ids and only their 2013 predecessors', () => {
    expect(c.iso27001_2022.length).toBeGreaterThan(0);
    for (const id of c.iso27001_2022) expect(ANNEX_A_2022[id]).toBeDefined();
    const allowed = new Set(c.iso27001_2022.flatMap((id) => ANNEX_A_2022[id]?.predecessors2013 ?? []));
    expect(c.iso27001_2013.filter((id) => !allowed.has(id))).toEqual([]);
    // Empty only where every 2022 id is new in 2022.
    expect(c.iso27001_2013.length === 0).toBe(allowed.size === 0);
  });

  it('has the catalogue fields an auditor reads', () => {
    expect(SEVERITIES).toContain(c.severity);
    expect(TOM_CATEGORIES).toContain(c.tomCategory);
    expect(c.gdprArt32.length).toBeGreaterThan(0);
    for (const l of c.gdprArt32) expect(['a', 'b', 'c', 'd']).toContain(l);
    for (const m of c.measures) expect(m).toMatch(/^M([1-9]|1\d|2[0-2])$/);
    for (const text of [c.title, c.measure, c.rationale, c.remediation]) expect(text.length).toBeGreaterThan(10);
  });
});

describe('measures M1–M22 (data/measures.ts)', () => {
  it('lists 22 measures, each with its promise and what the kit does', () => {
    expect(MEASURES.map((m) => m.id)).toEqual(Array.from({ length: 22 }, (_, i) => `M${i + 1}`));
    for (const m of MEASURES) expect(m.promise.length > 20 && m.implementation.length > 20).toBe(true);
  });

  it('every measure id a control names exists', () => {
    const unknownIds = CONTROLS.flatMap((c) => c.measures.filter((id) => !MEASURE_BY_ID.has(id)).map((id) => `${c.id}: ${id}`));
    expect(unknownIds).toEqual([]);
  });

  it('every measure is proved by at least one control, or is organisational', () => {
    const proved = new Set(CONTROLS.flatMap((c) => c.measures));
    const orphans = MEASURES.filter((m) => m.how !== 'organisational' && !proved.has(m.id)).map((m) => m.id);
    expect(orphans).toEqual([]);
    // An organisational measure claims no control: the SoA and the TOM annex would call it verified.
    expect(MEASURES.filter((m) => m.how === 'organisational' && proved.has(m.id)).map((m) => m.id)).toEqual([]);
  });

  it('an inherited measure is proved only by inherited controls', () => {
    for (const m of MEASURES.filter((x) => x.how === 'inherited')) {
      const scopes = new Set(CONTROLS.filter((c) => c.measures.includes(m.id)).map((c) => c.scope));
      expect([...scopes]).toEqual(['inherited']);
    }
  });
});
