/**
 * Golden-file comparison. Normal runs fail when a golden file is missing or
 * differs; `UPDATE_GOLDEN=1 npx jest test/policies/report` rewrites them (then
 * review the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_DIR = join(__dirname, '..', '..', 'fixtures', 'reports', 'golden');

export function expectGolden(name: string, actual: string, dir = GOLDEN_DIR, update = 'npx jest test/policies/report'): void {
  const file = join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual, 'utf8');
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`Golden file ${file} is missing. Create it with: UPDATE_GOLDEN=1 ${update}`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
