/**
 * `npm run gen:trace`: writes data/control-trace.json, which tells every
 * report where each control's check lives and which fixture test proves that
 * it fails on its non-compliant case. Derived from the code (the control
 * files of policies/checks/<area>/, the fixture files' keys), never typed by
 * hand; a test fails when the file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { controlFiles } from '../policies/catalog/files';

export interface ControlTrace {
  /** Repository-relative path of the check function's file; absent for inherited controls. */
  readonly check?: string;
  /** Fixture file holding its compliant and non-compliant cases. */
  readonly fixture?: string;
  /** The test that runs the fixtures (named `<ID> › fails exactly the violating subjects …`). */
  readonly test: string;
}

const ROOT = join(__dirname, '..');
const FIXTURE_TEST = 'test/policies/controls/catalogue-fixtures.test.ts';
const posix = (p: string) => p.split('\\').join('/');

function filesIn(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** Control id → check file: the control's own file (policies/checks/<area>/<slug>.ts), for every control that has a check. */
function checkFiles(): Map<string, string> {
  return new Map(controlFiles().flatMap((f) => (f.control && f.control.scope !== 'inherited' ? [[f.control.id, f.path] as const] : [])));
}

/** Control id → fixture file, from the `'TOM-…': {` keys of the fixture sets. */
function fixtureFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of filesIn('test/policies/controls/fixtures')) {
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/^ {2}'(TOM-[A-Z0-9]+-\d{2})':/gm)) out.set(m[1], file);
  }
  return out;
}

export function computeTrace(ids: readonly string[]): Record<string, ControlTrace> {
  const checks = checkFiles();
  const fixtures = fixtureFiles();
  return Object.fromEntries(
    [...ids].sort().map((id) => [id, { ...(checks.has(id) ? { check: checks.get(id) } : {}), ...(fixtures.has(id) ? { fixture: fixtures.get(id) } : {}), test: FIXTURE_TEST }]),
  );
}

export const TRACE_FILE = join(ROOT, 'data', 'control-trace.json');

if (require.main === module) {
  const { CONTROLS } = require('../policies/catalog') as typeof import('../policies/catalog');
  writeFileSync(TRACE_FILE, `${JSON.stringify(computeTrace(CONTROLS.map((c) => c.id)), null, 2)}\n`);
  process.stdout.write(`wrote ${posix(relative(process.cwd(), TRACE_FILE))} (${CONTROLS.length} controls)\n`);
}
