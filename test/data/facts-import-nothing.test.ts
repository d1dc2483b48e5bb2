/**
 * data/ holds facts shared by config, constructs, the backup runner and the
 * checks. A fact file imports nothing: the runner image compiles backup/ plus
 * data/retention.ts alone, and a fact that pulled in code would drag a layer
 * into every other. policies/ in turn never imports constructs/ or stacks/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import\s|export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\s)|\brequire\(/m;

describe('data/ holds facts only', () => {
  it.each(tsFiles(join(ROOT, 'data')).map((f) => relative(ROOT, f)))('%s imports nothing', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(IMPORT);
  });

  it('no file under policies/ imports constructs/ or stacks/', () => {
    const offenders = tsFiles(join(ROOT, 'policies')).filter((f) => /from\s+['"](?:\.\.\/)+(?:constructs|stacks)\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
