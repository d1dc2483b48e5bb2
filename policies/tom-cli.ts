/**
 * `npm run tom -- [--config FILE] [--lang de|en] [--out DIR] [--from PATH…] [--no-pdf] [--now ISO-DATE]`
 *
 * Writes the TOM annex for a config: synthesizes it (or reads already
 * synthesized output named with `--from`), audits it, and writes
 * `tom-annex.<lang>.md|html|pdf` plus the internal appendix `tom-internal.md`.
 * Both languages unless `--lang` names one. The PDF needs Chromium
 * (CHROMIUM_PATH); without one the run stops with exit 2 before writing
 * anything, unless `--no-pdf`.
 *
 * Exit codes: 0 written; 1 the vault failed cdk-nag during synth; 2 unusable
 * input (config error, no browser, unreadable output folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configPathFrom, loadConfig } from '../config/load';
import type { KitConfig } from '../config/schema';
import { InputError } from './errors';
import { annexModel } from './report/tom-annex/annex';
import { LANGS, type Lang } from './report/tom-annex/messages/types';
import { browserFromEnv, HOW_TO_ENABLE_PDF, PdfUnavailableError, type BrowserResolver } from './report/tom-annex/pdf';
import { writeTomAnnex } from './report/tom-annex/write';

export interface TomCliIo {
  readonly stderr: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Where the PDF browser comes from; default CHROMIUM_PATH. */
  readonly resolveBrowser?: BrowserResolver;
}

class UsageError extends Error {}

function values(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === name) {
      const v = argv[i + 1];
      if (!v || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      out.push(v);
    } else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}

const KNOWN = ['--config', '--lang', '--out', '--from', '--no-pdf', '--now'];

function parseArgs(argv: readonly string[]) {
  for (const a of argv) {
    if (a.startsWith('--') && !KNOWN.includes(a.split('=')[0])) throw new UsageError(`unknown option ${a} (allowed: ${KNOWN.join(', ')})`);
  }
  const langs = values(argv, '--lang');
  for (const l of langs) if (!(LANGS as readonly string[]).includes(l)) throw new UsageError(`--lang ${l} is not supported (allowed: ${LANGS.join(', ')})`);
  const now = values(argv, '--now')[0];
  if (now !== undefined && (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(now) || Number.isNaN(Date.parse(now)))) {
    throw new UsageError(`--now ${now} is not a date (use YYYY-MM-DD or an ISO timestamp in UTC)`);
  }
  return {
    langs: (langs.length > 0 ? [...new Set(langs)] : [...LANGS]) as Lang[],
    outDir: values(argv, '--out')[0] ?? 'reports',
    from: values(argv, '--from'),
    pdf: !argv.includes('--no-pdf'),
    now: now ? new Date(now.length === 10 ? `${now}T00:00:00Z` : now) : undefined,
  };
}

/** Synthesizes the config into a temporary folder; returns the paths to audit. */
function synthesize(config: KitConfig, dir: string): string[] {
  const { buildCdktfApp } = require('../stacks/platform-app') as typeof import('../stacks/platform-app');
  const vault = require('../stacks/backup-vault-app') as typeof import('../stacks/backup-vault-app');
  const outdir = join(dir, 'cdktf.out');
  const cdkOut = join(dir, 'cdk.out');
  const { app } = buildCdktfApp(config, { outdir });
  const vaults = vault.buildConfiguredBackupVaultApp(config, cdkOut);
  app.synth();
  vault.synthBackupVaultApp(vaults);
  return [app.outdir, cdkOut];
}

export async function runTomCli(argv: readonly string[], io: TomCliIo): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  let config: KitConfig;
  try {
    args = parseArgs(argv);
    config = loadConfig(configPathFrom(argv, io.env));
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError) {
      io.stderr(`tom: ${err.message}\nNothing was written.`);
      return 2;
    }
    throw err;
  }
  if (!config.isms) {
    io.stderr('tom: isms: is required for the TOM annex (organisation, scope, soa and organisationalMeasures; see config/example.yaml). Nothing was written.');
    return 2;
  }
  const browser = args.pdf ? await (io.resolveBrowser ?? (() => browserFromEnv(io.env)))() : undefined;
  if (args.pdf && !browser) {
    io.stderr(`tom: no Chromium found for the PDF: ${HOW_TO_ENABLE_PDF}, or pass --no-pdf. Nothing was written.`);
    return 2;
  }

  const work = args.from.length > 0 ? undefined : mkdtempSync(join(tmpdir(), 'tom-annex-'));
  try {
    let paths = args.from;
    if (work) {
      const { BackupVaultNagError } = require('../stacks/backup-vault-app') as typeof import('../stacks/backup-vault-app');
      try {
        paths = synthesize(config, work);
      } catch (err) {
        if (err instanceof BackupVaultNagError) {
          io.stderr(`tom: ${err.message}`);
          return 1;
        }
        throw err;
      }
    }
    const { auditPaths } = require('./gate') as typeof import('./gate');
    const result = auditPaths({ paths, now: args.now });
    const model = annexModel(config, result, paths);
    const { files } = await writeTomAnnex(model, args.outDir, { langs: args.langs, pdf: args.pdf ? { browser } : false });
    const withheld = model.verdicts.filter((v) => !v.claimed).length;
    io.stderr(`tom: wrote ${files.join(', ')}; ${withheld} technical measure(s) withheld (see tom-internal.md)`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof PdfUnavailableError) {
      io.stderr(`tom: ${err.message} Nothing was written.`);
      return 2;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) {
      io.stderr(`tom: ${args.outDir}: cannot write the annex there (${code}). Nothing was written.`);
      return 2;
    }
    throw err;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runTomCli(process.argv.slice(2), { stderr: (l) => process.stderr.write(`${l}\n`), env: process.env }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`tom failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
