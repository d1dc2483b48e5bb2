/**
 * Prints the annex HTML to PDF with headless Chromium (playwright-core's
 * `page.pdf`): A4, page numbers, document version and date in the footer.
 *
 * The browser is never searched for here: the caller passes an executable
 * path (from CHROMIUM_PATH or a resolver). Without one, `PdfUnavailableError`
 * says so in one line and how to enable it.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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

/** What one printed document shows besides its HTML. */
export interface PdfPageOptions {
  /** Footer text (version and date); the page number is added by the browser. */
  readonly footer: string;
  readonly pageLabel: string;
  readonly lang: string;
}

export interface PrintOptions extends PdfPageOptions {
  readonly browser: PdfBrowser | undefined;
}

/**
 * One Chromium for several documents: launched once, each document printed in
 * a page of its own (a fresh browser context, as a separate launch gave), and
 * closed once. A launch costs more than printing a short document.
 */
export interface PdfPrinter {
  /** Rejects with PdfUnavailableError when there is no browser or it does not start. */
  print(html: string, options: PdfPageOptions): Promise<Buffer>;
  /** Closes the browser (and removes its temporary profile); safe to call when it never started. */
  close(): Promise<void>;
}

/**
 * A printer for `browser`. Chromium starts on the first `print`, or at once with
 * `launchNow`, which then also opens `pagesAhead` pages for the prints to come
 * (opening one starts a renderer process: most of a short print's time).
 */
export function openPdfPrinter(browser: PdfBrowser | undefined, { launchNow = false, pagesAhead = 0 } = {}): PdfPrinter {
  let launching: Promise<Browser> | undefined;
  const launched = (): Promise<Browser> => (launching ??= launchChromium(browser));
  // Pages opened ahead; one that failed to open is opened again by its print.
  const ahead: Promise<Page | undefined>[] = [];
  if (launchNow) {
    // Started early, a failure is reported by the first print, not here.
    launched().then(
      (running) => {
        for (let i = 0; i < pagesAhead; i++) ahead.push(openPage(running).catch(() => undefined));
      },
      () => undefined,
    );
  }
  return {
    print: async (html, options) => {
      const running = await launched();
      return printPage((await ahead.shift()) ?? (await openPage(running)), html, options);
    },
    close: async () => {
      const running = await launching?.catch(() => undefined);
      await running?.close();
    },
  };
}

export async function printPdf(html: string, options: PrintOptions): Promise<Buffer> {
  const printer = openPdfPrinter(options.browser);
  try {
    return await printer.print(html, options);
  } finally {
    await printer.close();
  }
}

async function launchChromium(browser: PdfBrowser | undefined): Promise<Browser> {
  if (!browser) throw new PdfUnavailableError(`no Chromium found for the PDF: ${HOW_TO_ENABLE_PDF}.`);
  if (!existsSync(browser.executablePath)) {
    throw new PdfUnavailableError(`Chromium executable ${browser.executablePath} does not exist: ${HOW_TO_ENABLE_PDF}.`);
  }
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: browser.executablePath,
      args: BROWSER_ARGS,
      env: { ...process.env, ...browser.env } as Record<string, string>,
    });
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new PdfUnavailableError(`Chromium at ${browser.executablePath} did not start (${first}).`);
  }
}

/** A fresh page (in a context of its own) that fetches nothing: the document is self-contained. */
async function openPage(launched: Browser): Promise<Page> {
  const page = await launched.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  return page;
}

async function printPage(page: Page, html: string, options: PdfPageOptions): Promise<Buffer> {
  try {
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
    // Its own context goes with it.
    await page.close();
  }
}
