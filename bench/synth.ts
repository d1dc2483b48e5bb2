/**
 * Synth time of the reference deployment, in-process (no ts-node start-up):
 * build and synthesize the cdktf stacks and the backup vaults with cdk-nag,
 * then audit the output — the work `npm run synth` does after loading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../config/load';
import { auditPathsAsync } from '../policies/gate';
import { buildConfiguredBackupVaultApp, synthBackupVaultApp } from '../stacks/backup-vault-app';
import { buildCdktfApp } from '../stacks/platform-app';

export interface SynthTiming {
  readonly cdktfMs: number;
  readonly vaultMs: number;
  readonly auditMs: number;
  readonly resources: number;
}

export async function timeReferenceSynth(): Promise<SynthTiming> {
  const config = loadConfig(DEFAULT_CONFIG);
  const dir = mkdtempSync(join(tmpdir(), 'tom-bench-synth-'));
  try {
    let t = performance.now();
    const { app } = buildCdktfApp(config, { outdir: join(dir, 'cdktf.out'), processEnv: {} });
    app.synth();
    const cdktfMs = performance.now() - t;

    t = performance.now();
    synthBackupVaultApp(buildConfiguredBackupVaultApp(config, join(dir, 'cdk.out')));
    const vaultMs = performance.now() - t;

    t = performance.now();
    const result = await auditPathsAsync({ paths: [join(dir, 'cdktf.out'), join(dir, 'cdk.out')] });
    const auditMs = performance.now() - t;
    return { cdktfMs, vaultMs, auditMs, resources: result.summary.resources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
