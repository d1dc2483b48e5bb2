/**
 * Prints the annex HTML to PDF with headless Chromium (playwright-core's
 * `page.pdf`): A4, page numbers, document version and date in the footer.
 *
 * The browser is never searched for here: the caller passes an executable
 * path (from CHROMIUM_PATH or a resolver). Without one, `PdfUnavailableError`
 * says so in one line and how to enable it.
 */
import { existsSync } from 'node:fs';
import { BROWSER_ARGS, findBrowser } from '../../browser';
import { htmlEscape } from './render';

export class PdfUnavailableError extends Error {
  override readonly name = 'PdfUnavailableError';
}

export interface PdfBrowser {
  readonly executablePath: string;
  /** Extra environment for the browser process (e.g. LD_LIBRARY_PATH for a bundled build). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Resolves a browser, or returns undefined when none is available. */
export type BrowserResolver = () => Promise<PdfBrowser | undefined> | PdfBrowser | undefined;

/**
 * The kit's one browser discovery (policies/browser.ts: CHROMIUM_PATH, a system
 * Chromium or Chrome, then the npm-shipped build where installed); undefined
 * when there is none, so the caller decides whether that is an error.
 */
export function browserFromEnv(env: NodeJS.ProcessEnv = process.env): PdfBrowser | undefined {
  try {
    const { executablePath, env: browserEnv } = findBrowser(env);
    return { executablePath, env: browserEnv };
  } catch {
    return undefined;
  }
}

export const HOW_TO_ENABLE_PDF = 'set CHROMIUM_PATH to a Chromium or Chrome executable (or install one) to also print the PDF';

export interface PrintOptions {
  readonly browser: PdfBrowser | undefined;
  /** Footer text (version and date); the page number is added by the browser. */
  readonly footer: string;
  readonly pageLabel: string;
  readonly lang: string;
}

export async function printPdf(html: string, options: PrintOptions): Promise<Buffer> {
  const { browser } = options;
  if (!browser) throw new PdfUnavailableError(`no Chromium found for the PDF: ${HOW_TO_ENABLE_PDF}.`);
  if (!existsSync(browser.executablePath)) {
    throw new PdfUnavailableError(`Chromium executable ${browser.executablePath} does not exist: ${HOW_TO_ENABLE_PDF}.`);
  }
  const { chromium } = await import('playwright-core');
  let launched;
  try {
    launched = await chromium.launch({
      executablePath: browser.executablePath,
      args: BROWSER_ARGS,
      env: { ...process.env, ...browser.env } as Record<string, string>,
    });
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new PdfUnavailableError(`Chromium at ${browser.executablePath} did not start (${first}).`);
  }
  try {
    const page = await launched.newPage();
    // The document is self-contained: nothing may be fetched while printing.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    const style = 'font-family: sans-serif; font-size: 8px; color: #555; width: 100%; padding: 0 18mm; display: flex; justify-content: space-between;';
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="${style}"><span>${htmlEscape(options.footer)}</span><span>${htmlEscape(options.pageLabel)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      margin: { top: '18mm', bottom: '20mm', left: '18mm', right: '18mm' },
      tagged: true,
    });
  } finally {
    await launched.close();
  }
}
