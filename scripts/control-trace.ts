/**
 * `npm run gen:trace`: writes data/control-trace.json, which tells every
 * report where each control's check lives and which fixture test proves that
 * it fails on its non-compliant case. Derived from the code (the catalogue's
 * imports, the fixture files' keys), never typed by hand; a test fails when
 * the file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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

/** Control id → check file, from `import { fn } from '../checks/x/y'` and `check: fn` in each catalogue file. */
function checkFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of filesIn('policies/catalog')) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const origin = new Map<string, string>();
    for (const m of text.matchAll(/import \{([^}]+)\} from '(\.\.\/checks\/[^']+)'/g)) {
      for (const name of m[1].split(',').map((n) => n.trim().replace(/^type /, ''))) {
        origin.set(name, posix(relative(ROOT, join(ROOT, 'policies/catalog', `${m[2]}.ts`))));
      }
    }
    for (const block of text.split(/(?=\bid: 'TOM-)/).slice(1)) {
      const id = /^id: '([^']+)'/.exec(block)?.[1];
      const fn = /\bcheck: ([A-Za-z0-9_]+)/.exec(block)?.[1];
      if (id && fn && origin.has(fn)) out.set(id, origin.get(fn)!);
    }
  }
  return out;
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
