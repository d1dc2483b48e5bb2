/**
 * One file per control: `policies/checks/<area>/<slug>.ts` exports `control`
 * (catalogue fields and check together), the area's `index.ts` registers it,
 * and `policies/catalog/index.ts` assembles the areas. A control file that is
 * not registered, registered twice, or in a folder that is not its area fails
 * here, as does a control that a reader cannot find by its id in one step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONTROLS } from '../../policies/catalog';
import { CHECKS_DIR, SHARED_FOLDERS, controlFiles } from '../../policies/catalog/files';
import { AREAS, type Control } from '../../policies/types';

const ROOT = join(__dirname, '..', '..');
const FILES = controlFiles();

/** `annexAOwner` → `annex-a-owner`, `zoneTls13Enabled` → `zone-tls13-enabled`. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every `.ts` source file under a folder, repository-relative. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(path);
    return e.name.endsWith('.ts') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

describe('catalogue registration', () => {
  it('has one folder per area under policies/checks/, besides the shared helpers', () => {
    const folders = readdirSync(CHECKS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual([...AREAS, ...SHARED_FOLDERS].sort());
  });

  it('every file of an area folder exports a control (helpers belong in helpers/)', () => {
    expect(FILES.filter((f) => f.control === undefined).map((f) => f.path)).toEqual([]);
  });

  it.each(FILES.map((f) => [f.path, f] as const))('%s is registered in the catalogue, in the area of its folder', (_path, f) => {
    expect(CONTROLS.filter((c) => c === f.control)).toHaveLength(1);
    expect(f.control!.area).toBe(f.area);
  });

  it('every control of the catalogue comes from exactly one control file', () => {
    const fromFiles = new Set<Control | undefined>(FILES.map((f) => f.control));
    expect(CONTROLS.filter((c) => !fromFiles.has(c)).map((c) => c.id)).toEqual([]);
    expect(FILES).toHaveLength(CONTROLS.length);
  });

  it('ids are unique', () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(FILES.filter((f) => f.control && 'check' in f.control).map((f) => [f.path, f] as const))(
    '%s exports its check under the name of the file',
    (path, f) => {
      const check = (f.control as Control & { check: (...args: never[]) => unknown }).check;
      expect(`${kebab(check.name)}.ts`).toBe(path.split('/').pop());
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect((require(join(ROOT, path)) as Record<string, unknown>)[check.name]).toBe(check);
    },
  );

  it("a control's id leads to its file in one step: `id: '<ID>'` occurs in exactly that source file", () => {
    const sources = sourcesUnder(join(ROOT, 'policies')).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    const misplaced = FILES.flatMap((f) => {
      const holding = sources.filter((s) => s.text.includes(`id: '${f.control!.id}'`)).map((s) => s.path);
      return holding.length === 1 && holding[0] === f.path ? [] : [`${f.control!.id}: ${holding.join(', ') || 'nowhere'}`];
    });
    expect(misplaced).toEqual([]);
  });
});
