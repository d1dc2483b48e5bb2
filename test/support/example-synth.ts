/**
 * The example config (config/example.yaml) synthesized once per jest run by
 * the real app: the compiled main.ts as `npm run synth` runs it (cdktf stacks,
 * the backup vault on its thread, the gate, the reports and the TOM annex with
 * its PDFs). The end-to-end synth test asserts on this run; the TOM annex
 * tests and the gate test audit its output. One synth of the example per run
 * instead of one per file that needs it. What is shared must only be read.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledArgs, ROOT } from './compiled';
import { oncePerRun } from './once-per-run';

/** How the run of main.ts ended, and where it wrote. */
export interface ExampleRun {
  readonly status: number | null;
  readonly stderr: string;
  /** CDKTF_OUTDIR, TOM_CDK_OUTDIR and TOM_REPORTS_DIR of the run. */
  readonly outdir: string;
  readonly cdkOut: string;
  readonly reports: string;
}

const RESULT = 'main-run.json';

/** The folders main.ts writes into below `dir`. */
const outputs = (dir: string) => ({ outdir: join(dir, 'cdktf.out'), cdkOut: join(dir, 'cdk.out'), reports: join(dir, 'reports') });

/**
 * Runs main.ts the way `npm run synth` does, with the example config and its
 * output folders below `dir`. The environment decides nothing else: no config
 * file from TOM_CONFIG, and the state backend the example config names.
 */
export function runMain(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ExampleRun> {
  const out = outputs(dir);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: out.outdir, TOM_CDK_OUTDIR: out.cdkOut, TOM_REPORTS_DIR: out.reports, TOM_CONFIG: '', ...env };
  delete childEnv.TOM_STATE_BACKEND;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, compiledArgs('main.ts', ...args), { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, ...out }));
  });
}

/** The run of main.ts on the example config, once per jest run (test/support/once-per-run.ts). */
export async function exampleRun(): Promise<ExampleRun> {
  const dir = await oncePerRun(
    'example-synth',
    async (building) => {
      const { status, stderr } = await runMain(building);
      writeFileSync(join(building, RESULT), JSON.stringify({ status, stderr }));
    },
    tmpdir(),
  );
  // The folder was renamed after the run: its paths are the shared folder's.
  return { ...(JSON.parse(readFileSync(join(dir, RESULT), 'utf8')) as { status: number | null; stderr: string }), ...outputs(dir) };
}

/**
 * The folder holding the example's cdktf.out/ and cdk.out/, for tests that
 * audit the output; `synthesizedPaths` gives the paths to audit. Fails when
 * main.ts wrote nothing (exit 2), naming why.
 */
export async function synthesizedExample(): Promise<string> {
  const run = await exampleRun();
  if (run.status !== 0 && run.status !== 1) throw new Error(`npm run synth of the example config failed (exit ${run.status}):\n${run.stderr}`);
  return join(run.outdir, '..');
}

/** The paths the gate audits in the folder `synthesizedExample` gives. */
export const synthesizedPaths = (dir: string): string[] => [join(dir, 'cdktf.out'), join(dir, 'cdk.out')];
