/**
 * Synth time of the reference deployment: `npm run synth` as a whole process
 * (npm, Node start-up, the freshness check of dist/, the stacks on their
 * threads, cdk-nag, the gate, every report and the TOM annex with its PDF)
 * against its 3 s target; and, in-process and one after the other, how that
 * work splits: cdktf synth, vault synth with cdk-nag, audit of the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../config/load';
import { auditPathsAsync } from '../policies/gate';
import { timeProcess, type ProcessTiming } from './process-timing';
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

/** `npm run synth` of the reference deployment, whole process, into a temporary folder. */
export function timeNpmSynth(runs = 5): ProcessTiming {
  const dir = mkdtempSync(join(tmpdir(), 'tom-bench-npm-synth-'));
  try {
    const env = { ...process.env, CDKTF_OUTDIR: join(dir, 'cdktf.out'), TOM_CDK_OUTDIR: join(dir, 'cdk.out'), TOM_REPORTS_DIR: join(dir, 'reports'), TOM_CONFIG: '' };
    return timeProcess('npm run synth', 'npm', ['run', '-s', 'synth'], { cwd: resolve(__dirname, '..'), runs, targetMs: 3000, env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
