/**
 * The TOM annex printer on a thread of its own (started by pdf-thread.ts). It
 * finds the browser and loads playwright-core at once, starts Chromium (with
 * a page ready for each language) when told to, and prints what it is sent,
 * so that all of that overlaps the synth instead of following the audit.
 * Messages in: `launch`, `print` (id, html, page options), `close`.
 * Out: `browser` (what discovery found, first), `printed` (id, PDF bytes) or
 * `failed` (id, message, and whether it is a PdfUnavailableError), and
 * `closed` once the browser is closed (its temporary profile removed).
 */
import { parentPort } from 'node:worker_threads';
import { LANGS } from './messages/types';
import { browserFromEnv, openPdfPrinter, PdfUnavailableError, type PdfPageOptions, type PdfPrinter } from './pdf';

export type ToPdfWorker =
  | { readonly type: 'launch' }
  | { readonly type: 'print'; readonly id: number; readonly html: string; readonly options: PdfPageOptions }
  | { readonly type: 'close' };

export type FromPdfWorker =
  | { readonly type: 'browser'; readonly browser: ReturnType<typeof browserFromEnv> }
  | { readonly type: 'printed'; readonly id: number; readonly pdf: Uint8Array }
  | { readonly type: 'failed'; readonly id: number; readonly unavailable: boolean; readonly message: string }
  | { readonly type: 'closed'; readonly error?: string };

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function serve(port: NonNullable<typeof parentPort>): void {
  const post = (message: FromPdfWorker): void => port.postMessage(message);
  const browser = browserFromEnv();
  post({ type: 'browser', browser });
  if (browser) {
    // Loaded now, while the main thread reads the config; a failure to load shows when Chromium is launched.
    try {
      require('playwright-core');
    } catch {
      // reported by the launch
    }
  }
  let printer: PdfPrinter | undefined;
  // One page opened ahead for each language of the annex.
  const launched = (): PdfPrinter => (printer ??= openPdfPrinter(browser, { launchNow: browser !== undefined, pagesAhead: LANGS.length }));
  port.on('message', (message: ToPdfWorker) => {
    switch (message.type) {
      case 'launch':
        launched();
        return;
      case 'print':
        launched()
          .print(message.html, message.options)
          .then(
            (pdf) => post({ type: 'printed', id: message.id, pdf }),
            (err: unknown) => post({ type: 'failed', id: message.id, unavailable: err instanceof PdfUnavailableError, message: messageOf(err) }),
          );
        return;
      case 'close':
        (printer?.close() ?? Promise.resolve())
          .then(
            () => post({ type: 'closed' }),
            (err: unknown) => post({ type: 'closed', error: messageOf(err) }),
          )
          .finally(() => port.close());
        return;
    }
  });
}

if (parentPort) serve(parentPort);
