/**
 * The TOM annex from synthesized output: read the inventory the audit read,
 * decide what may be claimed, write the files. Shared by `npm run tom` and
 * the synth gate (`main.ts`), which must never fail just because no browser
 * is installed: there the PDF is skipped with one line saying how to enable it.
 */
import type { KitConfig } from '../../../config/schema';
import { readInventory } from '../../inventory';
import type { AuditResult, Inventory } from '../../types';
import { LANGS } from './messages/types';
import { buildTomAnnex, type TomAnnexModel } from './model';
import { browserFromEnv, PdfUnavailableError, type PdfBrowser, type PdfPrinter } from './pdf';
import { renderTomAnnex, writeRenderedAnnex, type RenderedAnnex } from './write';

/** `inventory`: what the audit read from `paths`, when the caller still has it; otherwise they are read again. */
export function annexModel(config: KitConfig, result: AuditResult, paths: readonly string[], inventory?: Inventory): TomAnnexModel {
  return buildTomAnnex({ config, result, inventory: inventory ?? readInventory(paths) });
}

/** A browser found and a printer already starting it (the synth gate starts both early, see pdf-thread.ts). */
export interface StartedPdfPrinter {
  readonly browser: PdfBrowser | undefined;
  readonly printer: PdfPrinter;
}

/**
 * Called by the gate after the other reports: writes both languages as
 * Markdown and HTML, and the PDF when a browser is found (policies/browser.ts)
 * and starts. `chosen`: `null` means do not look for a browser; a started
 * printer is used as it is (its owner closes it). `inventory`: see annexModel.
 */
export async function writeAnnexAfterGate(
  config: KitConfig,
  result: AuditResult,
  paths: readonly string[],
  outDir: string,
  stderr: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  chosen?: PdfBrowser | StartedPdfPrinter | null,
  inventory?: Inventory,
): Promise<void> {
  await prepareAnnexAfterGate(config, result, paths, chosen, inventory).write(outDir, stderr);
}

/** An annex being rendered (and printed); `write` waits for it, writes it and says what was written. */
export interface PreparedAnnex {
  write(outDir: string, stderr?: (line: string) => void): Promise<void>;
}

/**
 * `writeAnnexAfterGate` in two steps, so the PDF can be printed while the gate
 * writes the other reports: rendering and printing start here; nothing is
 * written, and nothing said, until `write`.
 */
export function prepareAnnexAfterGate(
  config: KitConfig,
  result: AuditResult,
  paths: readonly string[],
  chosen?: PdfBrowser | StartedPdfPrinter | null,
  inventory?: Inventory,
): PreparedAnnex {
  const started = chosen && 'printer' in chosen ? chosen : undefined;
  const browser = chosen === null ? undefined : chosen === undefined ? browserFromEnv() : 'printer' in chosen ? chosen.browser : chosen;
  // Built, rendered and sent to the printer now; a failure surfaces in `write`, where it always did.
  let model: TomAnnexModel | undefined;
  let failed: { readonly error: unknown } | undefined;
  if (config.isms) {
    try {
      model = annexModel(config, result, paths, inventory);
    } catch (error) {
      failed = { error };
    }
  }
  const withPdf = model && browser ? renderTomAnnex(model, { langs: LANGS, pdf: started ? { printer: started.printer } : { browser } }) : undefined;
  // Awaited by `write`; a gate that stops before it must not leave an unhandled rejection.
  withPdf?.catch(() => undefined);
  return {
    async write(outDir, stderr = (line) => process.stderr.write(`${line}\n`)) {
      if (!config.isms) {
        stderr('tom annex: skipped (the config has no isms section with the organisation and its organisational measures)');
        return;
      }
      if (failed || !model) throw failed?.error;
      if (withPdf) {
        let rendered: RenderedAnnex | undefined;
        try {
          rendered = await withPdf;
        } catch (err) {
          if (!(err instanceof PdfUnavailableError)) throw err;
          stderr(`tom annex: PDF skipped (${err.message})`);
        }
        if (rendered) {
          await writeRenderedAnnex(rendered, outDir);
          stderr(`tom annex: ${LANGS.join(', ')} (md, html, pdf) and the internal appendix in ${outDir}`);
          return;
        }
      } else {
        stderr('tom annex: PDF skipped (no browser; set CHROMIUM_PATH to a Chromium executable to print it)');
      }
      await writeRenderedAnnex(await renderTomAnnex(model, { langs: LANGS, pdf: false }), outDir);
      stderr(`tom annex: ${LANGS.join(', ')} (md, html) and the internal appendix in ${outDir}`);
    },
  };
}
