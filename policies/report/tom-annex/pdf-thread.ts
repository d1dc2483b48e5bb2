/**
 * The synth gate's PDF printer on a worker thread (pdf-worker.ts), started
 * with the process: it finds the browser and loads playwright-core while the
 * config is read, and starts Chromium (`launch`) while the stacks are
 * synthesized, which is most of what the PDF costs. Same browser discovery,
 * same printing, same errors as in-process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PdfUnavailableError, type PdfBrowser, type PdfPageOptions, type PdfPrinter } from './pdf';
import type { FromPdfWorker, ToPdfWorker } from './pdf-worker';

export interface PdfThread extends PdfPrinter {
  /** What browser discovery found on the thread (policies/browser.ts). */
  readonly browser: Promise<PdfBrowser | undefined>;
  /** Starts Chromium now rather than on the first print. */
  launch(): void;
  /** Closes the browser; before `launch` (or a print) it ends the thread at once, as no browser was started. */
  close(): Promise<void>;
}

const WORKER_FILE = join(__dirname, 'pdf-worker.js');

/**
 * The printer thread, or undefined when this is not the compiled kit (a thread
 * runs JavaScript only): then the caller prints in-process, as before. A
 * process that exits before `launch` ends the thread with it.
 */
export function startPdfThread(): PdfThread | undefined {
  if (!__filename.endsWith('.js') || !existsSync(WORKER_FILE)) return undefined;
  const worker = new Worker(WORKER_FILE);
  const pending = new Map<number, { resolve: (pdf: Buffer) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let found!: (browser: PdfBrowser | undefined) => void;
  let notFound!: (err: Error) => void;
  const browser = new Promise<PdfBrowser | undefined>((resolve, reject) => {
    found = resolve;
    notFound = reject;
  });
  // Awaited only when the annex is written; a run that stops earlier must not see an unhandled rejection.
  browser.catch(() => undefined);
  let closed: Promise<void> | undefined;
  let launched = false;
  let whenClosed: { resolve: () => void; reject: (err: Error) => void } | undefined;
  let stopped: Error | undefined;

  const stop = (err: Error): void => {
    stopped ??= err;
    notFound(err);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    whenClosed?.resolve();
  };
  worker.on('message', (message: FromPdfWorker) => {
    switch (message.type) {
      case 'browser':
        return found(message.browser);
      case 'printed':
        pending.get(message.id)?.resolve(Buffer.from(message.pdf));
        return void pending.delete(message.id);
      case 'failed':
        pending.get(message.id)?.reject(message.unavailable ? new PdfUnavailableError(message.message) : new Error(message.message));
        return void pending.delete(message.id);
      case 'closed':
        if (message.error) whenClosed?.reject(new Error(message.error));
        else whenClosed?.resolve();
        return;
    }
  });
  worker.on('error', (err) => stop(new Error(`the PDF printer thread failed: ${err.message}`)));
  worker.on('exit', (code) => stop(new Error(`the PDF printer thread ended (exit code ${code})`)));
  const send = (message: ToPdfWorker): void => worker.postMessage(message);
  const launch = (): void => {
    if (launched || stopped) return;
    launched = true;
    send({ type: 'launch' });
  };

  return {
    browser,
    launch,
    print(html: string, options: PdfPageOptions): Promise<Buffer> {
      if (stopped) return Promise.reject(stopped);
      launch();
      const id = nextId++;
      const printed = new Promise<Buffer>((resolve, reject) => pending.set(id, { resolve, reject }));
      send({ type: 'print', id, html, options });
      return printed;
    },
    close(): Promise<void> {
      closed ??= stopped
        ? Promise.resolve()
        : !launched
          ? worker.terminate().then(() => undefined)
          : new Promise<void>((resolve, reject) => {
              whenClosed = { resolve, reject };
              send({ type: 'close' });
            });
      return closed;
    },
  };
}
