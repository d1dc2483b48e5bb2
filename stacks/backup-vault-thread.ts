/**
 * Runs the backup vault synth (aws-cdk-lib with cdk-nag, the longest part of
 * `npm run synth`) beside the cdktf synth: on a worker thread
 * (backup-vault-worker.ts) when this is the compiled kit, else in-process.
 * Either way the same two steps with the same results; `main.ts` decides
 * what each failure means.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KitConfig } from '../config/schema';
import type { ToVaultWorker, VaultStepResult } from './backup-vault-worker';

export type { VaultFailure, VaultStepResult } from './backup-vault-worker';

export interface VaultSynth {
  /** Checks every environment's vault props and builds the stacks; writes nothing. */
  build(config: KitConfig, outdir: string): Promise<VaultStepResult>;
  /** Synthesizes the built stacks with cdk-nag; a failure resolves once the thread has ended, so everything it printed is out. */
  synth(): Promise<VaultStepResult>;
}

const WORKER_FILE = join(__dirname, 'backup-vault-worker.js');

/**
 * Starts the thread at once, so aws-cdk-lib and cdk-nag load while the caller
 * reads the config (a process that exits ends the thread with it).
 */
export function startVaultSynth(): VaultSynth {
  if (!__filename.endsWith('.js') || !existsSync(WORKER_FILE)) return inProcess();
  const worker = new Worker(WORKER_FILE);
  const waiting: ((result: VaultStepResult) => void)[] = [];
  let ended: Error | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const end = (err: Error): void => {
    ended ??= err;
    for (const answer of waiting.splice(0)) answer({ type: 'failed', kind: 'error', message: ended.message });
  };
  worker.on('message', (result: VaultStepResult) => waiting.shift()?.(result));
  worker.on('error', (err) => end(new Error(`the backup vault thread failed: ${err.message}`)));
  worker.on('exit', (code) => end(new Error(`the backup vault thread ended early (exit code ${code})`)));
  const ask = (message: ToVaultWorker): Promise<VaultStepResult> => {
    if (ended) return Promise.resolve({ type: 'failed', kind: 'error', message: ended.message });
    const answer = new Promise<VaultStepResult>((resolve) => waiting.push(resolve));
    worker.postMessage(message);
    return answer;
  };
  return {
    build: (config, outdir) => ask({ type: 'build', config, outdir }),
    synth: async () => {
      const result = await ask({ type: 'synth' });
      // cdk-nag's report goes to stderr before a failure; the caller stops right after it.
      if (result.type === 'failed') await exited;
      return result;
    },
  };
}

function inProcess(): VaultSynth {
  const steps = (require('./backup-vault-worker') as typeof import('./backup-vault-worker')).vaultSteps();
  return {
    build: async (config, outdir) => steps.build(config, outdir),
    synth: async () => steps.synth(),
  };
}
