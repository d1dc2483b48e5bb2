/** Temporary Terraform module folders for tests: `{ 'main.tf': '…', 'modules/x/main.tf': '…' }`. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

export function moduleDir(files: Record<string, string>, name = 'app'): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-module-'));
  made.push(root);
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function removeModuleDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
