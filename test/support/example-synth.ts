/**
 * The example config (config/example.yaml) synthesized as main.ts does it,
 * cdktf stacks and the backup-vault app, for tests that audit the output.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import type { KitConfig } from '../../config/schema';
import { buildConfiguredBackupVaultApp, synthBackupVaultApp } from '../../stacks/backup-vault-app';
import { buildCdktfApp } from '../../stacks/platform-app';
import { oncePerRun } from './once-per-run';

/** Synthesizes the config into `dir`; returns the paths the gate audits. */
export function synthesize(config: KitConfig, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const { app } = buildCdktfApp(config, { outdir: join(dir, 'cdktf.out'), processEnv: {} });
  const cdkOut = join(dir, 'cdk.out');
  const vaults = buildConfiguredBackupVaultApp(config, cdkOut);
  app.synth();
  synthBackupVaultApp(vaults);
  return [app.outdir, cdkOut];
}

/**
 * The example config synthesized once per jest run (test/support/once-per-run.ts),
 * shared read-only by the test files that audit it unchanged. Returns the
 * folder holding cdktf.out/ and cdk.out/; `synthesizedPaths` gives the paths to audit.
 */
export const synthesizedExample = (): Promise<string> => oncePerRun('example-synth', (dir) => void synthesize(loadConfig(DEFAULT_CONFIG), dir), tmpdir());

/** The paths the gate audits in a folder `synthesize` filled. */
export const synthesizedPaths = (dir: string): string[] => [join(dir, 'cdktf.out'), join(dir, 'cdk.out')];

