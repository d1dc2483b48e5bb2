/**
 * Where each control is defined: one file per control,
 * `policies/checks/<area>/<slug>.ts`, exporting `control` (its catalogue
 * fields and its check). Read from the folders themselves rather than from the
 * catalogue, so the registration test can compare the two (a file that is not
 * registered fails), and the control pages and the trace name the file.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS, type Area, type Control } from '../types';

/** `policies/checks/`: one folder per area, plus these folders that hold no controls. */
export const CHECKS_DIR = join(__dirname, '..', 'checks');
/** Helpers shared by checks of several areas. */
export const SHARED_FOLDERS: readonly string[] = ['common'];
/** In an area folder: the index that registers the area's controls. */
const AREA_INDEX = 'index';

export interface ControlFile {
  readonly area: Area;
  /** Repository-relative source path, e.g. `policies/checks/aws/kms-key-rotation.ts`. */
  readonly path: string;
  /** What the file exports as `control`; undefined when it exports none (a helper that belongs in `helpers/`). */
  readonly control: Control | undefined;
}

/** Source files of a folder (`.ts`, or `.js` when running from the compiled dist/), without their extension. */
function modulesIn(dir: string): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => e.name.replace(/\.(ts|js)$/, ''));
  return [...new Set(names)].filter((n) => n !== AREA_INDEX).sort();
}

/** Every control file of every area, in folder and name order. */
export function controlFiles(): ControlFile[] {
  return AREAS.flatMap((area) =>
    modulesIn(join(CHECKS_DIR, area)).map((name) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(CHECKS_DIR, area, name)) as { control?: Control };
      return { area, path: `policies/checks/${area}/${name}.ts`, control: mod.control };
    }),
  );
}

/** Control id → the file that defines it. */
export function controlFileById(): ReadonlyMap<string, string> {
  return new Map(controlFiles().flatMap((f) => (f.control ? [[f.control.id, f.path] as const] : [])));
}
