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
import type { PreparedAnnex } from './policies/report/tom-annex/annex';
import { startPdfThread, type PdfThread } from './policies/report/tom-annex/pdf-thread';
import { startVaultSynth, type VaultSynth } from './stacks/backup-vault-thread';

// The cdktf stacks and the policies load only once the config is known to be
// valid, so a config error is reported in about a second instead of after every import.
// The backup vault (aws-cdk-lib, cdk-nag) and the TOM annex PDF (playwright-core,
// Chromium) run on threads of their own beside the cdktf synth (see their files).
const stacks = () => require('./stacks/platform-app') as typeof import('./stacks/platform-app');
const gate = () => require('./policies/gate') as typeof import('./policies/gate');
const tomAnnex = () => require('./policies/report/tom-annex/annex') as typeof import('./policies/report/tom-annex/annex');

function fatal(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Says why the run stops and gives the exit code; unlike `fatal`, lets the caller close the PDF printer first. */
function stop(message: string, code: number): number {
  process.stderr.write(`${message}\n`);
  return code;
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

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // Started first, so their modules load while the config is read; an invalid config ends them with the process.
  const vaults = startVaultSynth();
  const pdf = startPdfThread();
  const config = readConfig(argv);
  // Without an isms section there is no annex to print: the printer thread ends before it starts a browser.
  const annexPdf = config.isms ? pdf : undefined;
  if (annexPdf) annexPdf.launch();
  else void pdf?.close();
  try {
    return await synthAndAudit(argv, config, vaults, annexPdf);
  } finally {
    await pdf?.close();
  }
}

async function synthAndAudit(argv: readonly string[], config: KitConfig, vaults: VaultSynth, pdf: PdfThread | undefined): Promise<number> {
  const cdkOut = process.env.TOM_CDK_OUTDIR || 'cdk.out';
  const reportsDir = option(argv, '--out') || process.env.TOM_REPORTS_DIR || 'reports';

  // cdktf creates its outdir when the app is constructed (not recursively).
  const outdir = resolve(process.env.CDKTF_OUTDIR || 'cdktf.out');
  mkdirSync(outdir, { recursive: true });
  const vaultsBuilt = vaults.build(config, cdkOut);
  const { app } = stacks().buildCdktfApp(config, { outdir });
  const built = await vaultsBuilt;
  if (built.type === 'failed') {
    if (built.kind === 'props') return stop(`${built.message}\nNothing was synthesized.`, 2);
    throw new Error(built.message);
  }

  // Every stack is built and every input checked: both synths write now, side by side.
  const vaultsSynthesized = vaults.synth();
  try {
    app.synth();
  } catch (err) {
    await vaultsSynthesized; // nothing half-written by the vault thread
    throw err;
  }
  preloadGate();
  const synthesized = await vaultsSynthesized;
  if (synthesized.type === 'failed') {
    if (synthesized.kind === 'nag') return stop(synthesized.message, 1);
    throw new Error(synthesized.message);
  }
  process.stderr.write(`synth: ${config.environments.length} environment(s) into ${app.outdir} and ${cdkOut}\n`);

  // Shown in every report: relative to the working directory like every other path there, never this machine's absolute path.
  const paths = [relative(process.cwd(), app.outdir) || '.', cdkOut];
  const printer = pdf ? { browser: await pdf.browser, printer: pdf } : undefined;
  let annex: PreparedAnnex | undefined;
  return gate().runGate({
    paths,
    outDir: reportsDir,
    isms: config.isms,
    configFile: configPathFrom(argv, process.env),
    // The annex is rendered, and its PDF printed, while the other reports are written.
    afterAudit: (result, inventory) => void (annex = tomAnnex().prepareAnnexAfterGate(config, result, paths, printer, inventory)),
    afterReports: () => annex?.write(reportsDir),
  });
}

/** Loads what the audit and the reports need while the vault thread may still be synthesizing. */
function preloadGate(): void {
  gate().catalogue();
  require('./policies/report/index');
  tomAnnex();
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => fatal(`synth failed: ${err instanceof Error ? err.message : String(err)}`, 2),
);
