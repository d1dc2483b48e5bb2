/**
 * What ties a report to what it audited: the SHA-256 of every file the audit
 * read (inputs, waivers, config), the audited repository's commit when there
 * is one, and the command line. Gathered by the gate and the CLI (the engine
 * stays pure); paths are written relative to the report folder, so an auditor
 * who has the report set and the repository can re-hash every file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { InputError } from './errors';
import type { AuditResult, Provenance } from './types';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** `git rev-parse HEAD` where the audit runs, with whether the tree has uncommitted changes; undefined outside a repository. */
function gitCommit(cwd: string): Provenance['commit'] {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', timeout: 5000 });
  if (head.status !== 0 || !/^[0-9a-f]{40}$/.test(head.stdout.trim())) return undefined;
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', timeout: 5000 });
  return { sha: head.stdout.trim(), dirty: status.status !== 0 || status.stdout.trim() !== '' };
}

export interface ProvenanceSources {
  /** Files the audit read: inputs, the waivers file, the config. */
  readonly files: readonly { readonly role: 'input' | 'waivers' | 'config'; readonly path: string }[];
  /** The command line as run (without the node binary). */
  readonly command: readonly string[];
  /** Folder the reports are written to; paths are made relative to it. */
  readonly outDir: string;
}

/** A source that is a folder (a Terraform module) stands for the regular files directly in it. */
function expand(abs: string): string[] {
  try {
    if (!statSync(abs).isDirectory()) return [abs];
    return readdirSync(abs, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(abs, e.name))
      .sort();
  } catch (err) {
    throw new InputError(`${abs}: cannot be read again to record its SHA-256 for the report (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
}

function hashOf(abs: string): string {
  try {
    return sha256(readFileSync(abs));
  } catch (err) {
    throw new InputError(`${abs}: cannot be read again to record its SHA-256 for the report (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
}

export function gatherProvenance(sources: ProvenanceSources, cwd = process.cwd()): Provenance {
  const base = resolve(cwd, sources.outDir);
  const seen = new Set<string>();
  const files = sources.files
    .flatMap((f) => expand(resolve(cwd, f.path)).map((abs) => ({ role: f.role, abs })))
    .filter(({ abs }) => {
      if (seen.has(abs)) return false;
      seen.add(abs);
      return true;
    })
    .map(({ role, abs }) => ({ role, path: relative(base, abs).split(sep).join('/'), sha256: hashOf(abs) }));
  const commit = gitCommit(cwd);
  return { ...(commit ? { commit } : {}), files, command: [...sources.command] };
}

/** The files an audit result was read from: every stack's source file. */
export const inputFilesOf = (result: AuditResult): string[] => [...new Set(result.stacks.map((s) => s.source))];
