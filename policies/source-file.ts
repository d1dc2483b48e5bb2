/**
 * A data file that lives beside the sources (the kit's waivers.yaml), found
 * from compiled code too. Code compiled to `<root>/dist/<dir>` reads
 * `<root>/<dir>/<name>` when it exists (a checkout: the file a person edits,
 * never a stale copy), else the copy beside itself (an installed package,
 * which ships only dist/).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function sourceFile(dir: string, name: string): string {
  const compiled = /^(.*)[\\/]dist((?:[\\/].*)?)$/.exec(dir);
  // Only when `<root>` is the package (its package.json there): not some other folder called dist.
  if (compiled && existsSync(join(compiled[1], 'package.json'))) {
    const source = join(compiled[1], compiled[2], name);
    if (existsSync(source)) return source;
  }
  return join(dir, name);
}
