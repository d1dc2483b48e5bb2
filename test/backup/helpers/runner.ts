/** Calling the runner in-process: an environment built from the test servers, and a log that records. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../backup/cli';
import type { Log } from '../../../backup/log';
import type { TestPostgres } from './postgres';
import type { TestS3 } from './s3';

export interface Recorded {
  readonly code: number;
  readonly summaries: Array<Record<string, unknown>>;
  readonly errors: string[];
  readonly progress: string[];
}

export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<Recorded> {
  const summaries: Array<Record<string, unknown>> = [];
  const errors: string[] = [];
  const progress: string[] = [];
  const log: Log = {
    progress: (line) => progress.push(line),
    error: (line) => errors.push(line),
    // Round-trip through JSON, as the cluster's log reader would.
    summary: (record) => summaries.push(JSON.parse(JSON.stringify(record)) as Record<string, unknown>),
  };
  const code = await main(argv, env, log);
  return { code, summaries, errors, progress };
}

/** The runner's environment for these servers; `extra` overrides (undefined removes). */
export function runnerEnv(pg: TestPostgres, s3: TestS3, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, ...pg.env, ...s3.env, AWS_MAX_ATTEMPTS: '1', ...extra };
}

/** Writes an age identity file as age-keygen does (comment lines, then the key). */
export function writeIdentityFile(dir: string, name: string, identity: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `# created: for tests\n# public key: (test)\n${identity}\n`, { mode: 0o600 });
  return file;
}
