/**
 * The TOM annex from synthesized output: read the inventory the audit read,
 * decide what may be claimed, write the files. Shared by `npm run tom` and
 * the synth gate (`main.ts`), which must never fail just because no browser
 * is installed: there the PDF is skipped with one line saying how to enable it.
 */
import type { KitConfig } from '../../../config/schema';
import { readInventory } from '../../inventory';
import type { AuditResult } from '../../types';
import { LANGS } from './messages/types';
import { buildTomAnnex, type TomAnnexModel } from './model';
import { browserFromEnv, PdfUnavailableError, type PdfBrowser } from './pdf';
import { writeTomAnnex } from './write';

export function annexModel(config: KitConfig, result: AuditResult, paths: readonly string[]): TomAnnexModel {
  return buildTomAnnex({ config, result, inventory: readInventory(paths) });
}

/**
 * Called by the gate after the other reports: writes both languages as
 * Markdown and HTML, and the PDF when a browser is found (policies/browser.ts)
 * and starts. `browser: null` means: do not look for one.
 */
export async function writeAnnexAfterGate(
  config: KitConfig,
  result: AuditResult,
  paths: readonly string[],
  outDir: string,
  stderr: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  chosen?: PdfBrowser | null,
): Promise<void> {
  const browser = chosen === null ? undefined : (chosen ?? browserFromEnv());
  if (!config.isms) {
    stderr('tom annex: skipped (the config has no isms section with the organisation and its organisational measures)');
    return;
  }
  const model = annexModel(config, result, paths);
  if (browser) {
    try {
      await writeTomAnnex(model, outDir, { langs: LANGS, pdf: { browser } });
      stderr(`tom annex: ${LANGS.join(', ')} (md, html, pdf) and the internal appendix in ${outDir}`);
      return;
    } catch (err) {
      if (!(err instanceof PdfUnavailableError)) throw err;
      stderr(`tom annex: PDF skipped (${err.message})`);
    }
  } else {
    stderr('tom annex: PDF skipped (no browser; set CHROMIUM_PATH to a Chromium executable to print it)');
  }
  await writeTomAnnex(model, outDir, { langs: LANGS, pdf: false });
  stderr(`tom annex: ${LANGS.join(', ')} (md, html) and the internal appendix in ${outDir}`);
}
