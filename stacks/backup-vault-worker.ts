/**
 * The backup vault synth on a thread of its own (started by
 * backup-vault-thread.ts): aws-cdk-lib and cdk-nag load while the main thread
 * reads the config, and the vault is synthesized while the main thread
 * synthesizes the cdktf stacks. The same functions as in-process, in the same
 * order: build (props checked before any construct), then, when told,
 * synthesize with cdk-nag. Messages in: `build` (config, outdir), `synth`.
 * Out, for each: `done`, or `failed` with the error's kind and message.
 */
import { parentPort } from 'node:worker_threads';
import type { KitConfig } from '../config/schema';
import { BackupVaultNagError, BackupVaultPropsError, buildConfiguredBackupVaultApp, synthBackupVaultApp, type BackupVaultApp } from './backup-vault-app';

export type ToVaultWorker = { readonly type: 'build'; readonly config: KitConfig; readonly outdir: string } | { readonly type: 'synth' };

/** What went wrong: invalid vault props (exit 2), unacknowledged cdk-nag findings (exit 1), anything else. */
export type VaultFailure = 'props' | 'nag' | 'error';

export type VaultStepResult = { readonly type: 'done' } | { readonly type: 'failed'; readonly kind: VaultFailure; readonly message: string };

/** The two steps, wherever they run: each error becomes a result the main thread can act on. */
export function vaultSteps(): { build(config: KitConfig, outdir: string): VaultStepResult; synth(): VaultStepResult } {
  let vaults: BackupVaultApp | undefined;
  const run = (step: () => void): VaultStepResult => {
    try {
      step();
      return { type: 'done' };
    } catch (err) {
      const kind = err instanceof BackupVaultPropsError ? 'props' : err instanceof BackupVaultNagError ? 'nag' : 'error';
      return { type: 'failed', kind, message: err instanceof Error ? err.message : String(err) };
    }
  };
  return {
    build: (config, outdir) => run(() => void (vaults = buildConfiguredBackupVaultApp(config, outdir))),
    synth: () =>
      run(() => {
        if (!vaults) throw new Error('the backup vault was not built before its synth');
        synthBackupVaultApp(vaults);
      }),
  };
}

function serve(port: NonNullable<typeof parentPort>): void {
  const steps = vaultSteps();
  port.on('message', (message: ToVaultWorker) => {
    const result = message.type === 'build' ? steps.build(message.config, message.outdir) : steps.synth();
    port.postMessage(result);
    // After a failure or the synth there is nothing left to do: the thread ends, and with it its output to stderr.
    if (result.type === 'failed' || message.type === 'synth') port.close();
  });
}

if (parentPort) serve(parentPort);
