/**
 * The app. `npm run synth`, `cdktf synth` and `cdktf deploy` all run this
 * file: load and validate the config, build every environment's stacks
 * (cdktf: platform + edge; aws-cdk-lib: the off-site backup vault), synthesize
 * them, then audit what was synthesized.
 *
 * Exit codes: 0 compliant; 1 a critical/high control failed (so `cdktf deploy`
 * stops before Terraform runs); 2 unusable input (a config error, reported
 * before anything is written).
 *
 * Options: `--config FILE` (or TOM_CONFIG), `--out DIR` for the reports
 * (or TOM_REPORTS_DIR; default `reports`). Output folders: CDKTF_OUTDIR
 * (set by the cdktf CLI; default `cdktf.out`) and TOM_CDK_OUTDIR (default `cdk.out`).
 */
import { ConfigError, configPathFrom, loadConfig } from './config/load';
import type { KitConfig } from './config/schema';
import { VAULT_WRITER_PREFIX, vaultBucketName } from './constructs/naming';
import { runGate } from './policies/gate';
import { BackupVaultNagError, buildBackupVaultApp, synthBackupVaultApp, type BackupVaultApp } from './stacks/backup-vault-app';
import { BackupVaultPropsError } from './constructs/backup-vault';
import { buildCdktfApp } from './stacks/platform-app';

function fatal(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function readConfig(argv: readonly string[]): KitConfig {
  try {
    return loadConfig(configPathFrom(argv, process.env));
  } catch (err) {
    if (err instanceof ConfigError) fatal(`${err.message}\nNothing was synthesized.`, 2);
    throw err;
  }
}

function buildVaults(config: KitConfig, outdir: string): BackupVaultApp {
  try {
    return buildBackupVaultApp(
      config.environments.map((env) => ({
        name: env.name,
        stage: env.stage,
        retentionDays: env.backup.retentionDays,
        writerPrefix: VAULT_WRITER_PREFIX,
        bucketName: vaultBucketName(config.project, env.name),
      })),
      outdir,
    );
  } catch (err) {
    if (err instanceof BackupVaultPropsError) fatal(`${err.message}\nNothing was synthesized.`, 2);
    throw err;
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const config = readConfig(argv);
  const cdkOut = process.env.TOM_CDK_OUTDIR || 'cdk.out';
  const reportsDir = option(argv, '--out') || process.env.TOM_REPORTS_DIR || 'reports';

  // Build everything first: construct-level refusals happen before a file is written.
  const { app } = buildCdktfApp(config, { outdir: process.env.CDKTF_OUTDIR });
  const vaults = buildVaults(config, cdkOut);

  app.synth();
  try {
    synthBackupVaultApp(vaults);
  } catch (err) {
    if (err instanceof BackupVaultNagError) fatal(err.message, 1);
    throw err;
  }
  process.stderr.write(`synth: ${config.environments.length} environment(s) into ${app.outdir} and ${cdkOut}\n`);

  return runGate({ paths: [app.outdir, cdkOut], outDir: reportsDir });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => fatal(`synth failed: ${err instanceof Error ? err.message : String(err)}`, 2),
);
