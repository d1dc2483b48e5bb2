#!/usr/bin/env node
/**
 * The app. `npm run synth`, `cdktf synth` and `cdktf deploy` all run this
 * file: load and validate the config, build every environment's stacks
 * (cdktf: platform, workloads, edge; aws-cdk-lib: the off-site backup vault), synthesize
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
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError, configPathFrom, loadConfig } from './config/load';
import type { KitConfig } from './config/schema';
import type { BackupVaultApp } from './stacks/backup-vault-app';

// The stacks, aws-cdk-lib and the policies load only once the config is known to be
// valid, so a config error is reported in about a second instead of after every import.
const stacks = () => require('./stacks/platform-app') as typeof import('./stacks/platform-app');
const vaultApp = () => require('./stacks/backup-vault-app') as typeof import('./stacks/backup-vault-app');
const gate = () => require('./policies/gate') as typeof import('./policies/gate');
const tomAnnex = () => require('./policies/report/tom-annex/annex') as typeof import('./policies/report/tom-annex/annex');

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
  const { BackupVaultPropsError, buildConfiguredBackupVaultApp } = vaultApp();
  try {
    return buildConfiguredBackupVaultApp(config, outdir);
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

  // cdktf creates its outdir when the app is constructed (not recursively).
  const outdir = resolve(process.env.CDKTF_OUTDIR || 'cdktf.out');
  mkdirSync(outdir, { recursive: true });
  const { app } = stacks().buildCdktfApp(config, { outdir });
  const vaults = buildVaults(config, cdkOut);

  app.synth();
  const { BackupVaultNagError, synthBackupVaultApp } = vaultApp();
  try {
    synthBackupVaultApp(vaults);
  } catch (err) {
    if (err instanceof BackupVaultNagError) fatal(err.message, 1);
    throw err;
  }
  process.stderr.write(`synth: ${config.environments.length} environment(s) into ${app.outdir} and ${cdkOut}\n`);

  // Shown in every report: relative to the working directory like every other path there, never this machine's absolute path.
  const paths = [relative(process.cwd(), app.outdir) || '.', cdkOut];
  return gate().runGate({
    paths,
    outDir: reportsDir,
    isms: config.isms,
    configFile: configPathFrom(argv, process.env),
    afterReports: (result) => tomAnnex().writeAnnexAfterGate(config, result, paths, reportsDir),
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => fatal(`synth failed: ${err instanceof Error ? err.message : String(err)}`, 2),
);
