/** Compiled code reads the kit's own data files from the sources in a checkout, never a stale copy in dist/. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceFile } from '../../policies/source-file';

describe('sourceFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'source-file-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'policies'), { recursive: true });
  mkdirSync(join(root, 'dist', 'policies'), { recursive: true });
  writeFileSync(join(root, 'dist', 'policies', 'waivers.yaml'), '[] # copy');
  writeFileSync(join(root, 'package.json'), '{}');

  it('is the file beside the code when not compiled', () => {
    expect(sourceFile(join(root, 'policies'), 'waivers.yaml')).toBe(join(root, 'policies', 'waivers.yaml'));
  });

  it('is the copy in dist/ when the sources are not there (an installed package)', () => {
    expect(sourceFile(join(root, 'dist', 'policies'), 'waivers.yaml')).toBe(join(root, 'dist', 'policies', 'waivers.yaml'));
  });

  it('ignores a folder called dist that is not the package’s', () => {
    mkdirSync(join(root, 'dist', 'x', 'dist', 'policies'), { recursive: true });
    mkdirSync(join(root, 'dist', 'x', 'policies'), { recursive: true });
    writeFileSync(join(root, 'dist', 'x', 'policies', 'waivers.yaml'), '[]');
    expect(sourceFile(join(root, 'dist', 'x', 'dist', 'policies'), 'waivers.yaml')).toBe(join(root, 'dist', 'x', 'dist', 'policies', 'waivers.yaml'));
  });

  it('is the source file from dist/ in a checkout', () => {
    writeFileSync(join(root, 'policies', 'waivers.yaml'), '[]');
    expect(sourceFile(join(root, 'dist', 'policies'), 'waivers.yaml')).toBe(join(root, 'policies', 'waivers.yaml'));
  });
});
