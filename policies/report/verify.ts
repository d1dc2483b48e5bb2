/**
 * `npm run audit -- --verify DIR`: was this report set edited since it was
 * written? compliance.json carries the SHA-256 of every other report file;
 * this re-hashes them. compliance.json's own hash is printed so it can be
 * compared with the one the audit printed when it wrote the set (in the CI log).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors';
import { sha256 } from '../provenance';
import { parseJsonText } from '../readers/json-text';

export interface VerifyOutcome {
  readonly ok: boolean;
  /** One line per file: `ok  soa.csv`, `CHANGED  soa.csv`, `MISSING  soa.csv`. */
  readonly lines: readonly string[];
  /** SHA-256 of compliance.json itself. */
  readonly reportSha256: string;
}

function read(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError(`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); --verify needs the folder the reports were written to.`);
  }
}

export function verifyReports(dir: string): VerifyOutcome {
  const reportPath = join(dir, 'compliance.json');
  const report = read(reportPath);
  const doc = parseJsonText(report.toString('utf8'), reportPath) as { manifest?: { algorithm?: string; files?: Record<string, unknown> } };
  const files = doc?.manifest?.files;
  if (doc?.manifest?.algorithm !== 'sha256' || typeof files !== 'object' || files === null || Object.keys(files).length === 0) {
    throw new InputError(`${reportPath}: has no sha256 manifest of the report files; it was not written by a version of the kit that can be verified.`);
  }
  const lines: string[] = [];
  let ok = true;
  for (const [name, expected] of Object.entries(files)) {
    if (typeof expected !== 'string' || !/^[0-9a-f]{64}$/.test(expected) || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw new InputError(`${reportPath}: manifest entry ${JSON.stringify(name)} is not a report file name with a SHA-256 value.`);
    }
    let actual: string | undefined;
    try {
      actual = sha256(readFileSync(join(dir, name)));
    } catch {
      actual = undefined;
    }
    if (actual === expected) lines.push(`ok       ${name}`);
    else {
      ok = false;
      lines.push(`${actual === undefined ? 'MISSING' : 'CHANGED'}  ${name}`);
    }
  }
  return { ok, lines, reportSha256: sha256(report) };
}
