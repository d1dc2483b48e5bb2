/** Both languages from one source: every key in both, every measure worded, formatting per locale. */
import { MEASURES } from '../../../data/measures';
import { MESSAGES } from '../../../policies/report/tom-annex/document';
import { formatter } from '../../../policies/report/tom-annex/format';
import { ANNEX_SECTIONS, SECOND_SECTION } from '../../../policies/report/tom-annex/model';

/** Every key path of an object (functions and strings are leaves). */
function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe('TOM annex messages', () => {
  it('has the same keys in German and English', () => {
    expect(keys(MESSAGES.en)).toEqual(keys(MESSAGES.de));
  });

  it('words every technical, inherited and partly technical measure, and every summary and section', () => {
    const worded = MEASURES.filter((m) => m.how !== 'organisational').map((m) => m.id).sort();
    for (const m of Object.values(MESSAGES)) {
      expect(Object.keys(m.measures).sort()).toEqual(worded);
      expect(Object.keys(m.summaries).sort()).toEqual(Object.keys(SECOND_SECTION).sort());
      expect(Object.keys(m.sections).sort()).toEqual([...ANNEX_SECTIONS].sort());
    }
  });

  it('formats dates, numbers, lists and schedules per locale', () => {
    const de = formatter('de', MESSAGES.de);
    const en = formatter('en', MESSAGES.en);
    expect(de.date('2026-11-30')).toBe('30. November 2026');
    expect(en.date('2026-11-30')).toBe('30 November 2026');
    expect(de.number(31536000)).toBe('31.536.000');
    expect(en.number(31536000)).toBe('31,536,000');
    expect(de.count(2)).toBe('zwei');
    expect(en.count(12)).toBe('twelve');
    expect(de.count(1500)).toBe('1.500');
    expect(de.list(['a', 'b', 'c'])).toBe('a, b und c');
    expect(en.list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(de.schedule('0 2 * * *')).toBe('täglich um 02:00 Uhr (UTC)');
    expect(en.schedule('0 4 * * 0')).toBe('weekly on Sundays at 04:00 UTC');
    expect(de.schedule('0 2 */2 * *')).toBe('nach dem Zeitplan „0 2 */2 * *“ (Cron-Ausdruck, UTC)');
    expect(de.region('fra1')).toBe('Frankfurt am Main (fra1)');
    expect(en.region('eu-central-1')).toBe('Frankfurt (eu-central-1)');
  });
});
