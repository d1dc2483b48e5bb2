/**
 * Synth time of the reference deployment, in-process (no ts-node start-up):
 * build and synthesize the cdktf stacks and the backup vaults with cdk-nag,
 * then audit the output — the work `npm run synth` does after loading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../config/load';
import { VAULT_WRITER_PREFIX, vaultBucketName } from '../constructs/naming';
import { auditPaths } from '../policies/gate';
import { buildBackupVaultApp, synthBackupVaultApp } from '../stacks/backup-vault-app';
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
    const envs = config.environments.map((env) => ({
      name: env.name,
      stage: env.stage,
      retentionDays: env.backup.retentionDays,
      writerPrefix: VAULT_WRITER_PREFIX,
      bucketName: vaultBucketName(config.project, env.name),
    }));
    synthBackupVaultApp(buildBackupVaultApp(envs, join(dir, 'cdk.out')));
    const vaultMs = performance.now() - t;

    t = performance.now();
    const result = await auditPaths({ paths: [join(dir, 'cdktf.out'), join(dir, 'cdk.out')] });
    const auditMs = performance.now() - t;
    return { cdktfMs, vaultMs, auditMs, resources: result.summary.resources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
