/**
 * scripts/ensure-dist.js, the freshness check before every npm script that
 * runs dist/: nothing stale may run, and a current dist/ is left alone. Run
 * on a small project of its own (the script finds its root beside itself).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
let project: string;

const write = (rel: string, text: string): void => {
  mkdirSync(join(project, rel, '..'), { recursive: true });
  writeFileSync(join(project, rel), text);
};

/**
 * Runs the check in this process (the copy's own module, so its root is the
 * small project); returns what it says it did ('' when nothing). In-process
 * because each spawn would load the TypeScript compiler again.
 */
function ensure(...args: string[]): string {
  const { ensureDist } = require(join(project, 'scripts', 'ensure-dist.js')) as { ensureDist: (o: { all?: boolean; quiet?: boolean }) => void };
  const said: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    said.push(String(chunk));
    return true;
  });
  try {
    ensureDist({ all: args.includes('--all'), quiet: args.includes('--quiet') });
  } finally {
    spy.mockRestore();
  }
  return said.join('').trim();
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'ensure-dist-'));
  mkdirSync(join(project, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'ensure-dist.js'), join(project, 'scripts', 'ensure-dist.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  write('package.json', '{"name":"p"}\n');
  write('tsconfig.build.json', JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', outDir: 'dist' }, include: ['main.ts', 'lib/**/*.ts'] }));
  write('main.ts', "export const main = 'one';\n");
  write('lib/a.ts', 'export const a = 1;\n');
  write('lib/deep/b.ts', 'export const b = 2;\n');
  write('lib/data.yaml', 'x: 1\n');
  expect(ensure()).toBe('dist: 3 file(s) transpiled, 2 copied');
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('scripts/ensure-dist.js', () => {
  it('leaves a current dist/ alone', () => {
    expect(ensure()).toBe('');
    expect(readFileSync(join(project, 'dist', 'lib', 'deep', 'b.js'), 'utf8')).toContain('exports.b = 2');
  });

  it('transpiles a changed source again and copies a changed asset', () => {
    write('lib/deep/b.ts', 'export const b = 3;\n');
    write('lib/data.yaml', 'x: 2\n');
    expect(ensure()).toBe('dist: 1 file(s) transpiled, 1 copied');
    expect(readFileSync(join(project, 'dist', 'lib', 'deep', 'b.js'), 'utf8')).toContain('exports.b = 3');
    expect(readFileSync(join(project, 'dist', 'lib', 'data.yaml'), 'utf8')).toBe('x: 2\n');
  });

  it('transpiles a source replaced by an older one (a checkout, an archive), whose time is before its output', () => {
    write('lib/a.ts', 'export const a = 0;\n');
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(project, 'lib', 'a.ts'), past, past);
    expect(ensure()).toBe('dist: 1 file(s) transpiled, 0 copied');
    expect(readFileSync(join(project, 'dist', 'lib', 'a.js'), 'utf8')).toContain('exports.a = 0');
  });

  it('transpiles a new source, and with --all everything', () => {
    write('lib/c.ts', 'export const c = 4;\n');
    expect(ensure()).toBe('dist: 1 file(s) transpiled, 0 copied');
    expect(ensure('--all')).toBe('dist: 4 file(s) transpiled, 2 copied');
  });

  it('trusts outputs newer than their sources when it has no record of them (after tsc), and a missing output is built', () => {
    rmSync(join(project, 'dist', '.ensure-dist-stamp'));
    expect(ensure()).toBe('');
    rmSync(join(project, 'dist', '.ensure-dist-stamp'));
    rmSync(join(project, 'dist', 'main.js'));
    expect(ensure()).toBe('dist: 1 file(s) transpiled, 0 copied');
  });
});
