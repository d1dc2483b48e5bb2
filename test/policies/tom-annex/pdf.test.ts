/**
 * The PDF: printed by headless Chromium from the golden HTML, A4, with the
 * headings in its text (extracted with pdfjs-dist) and a plausible page count.
 *
 * Browser: CHROMIUM_PATH, /usr/bin/chromium, else the npm-shipped
 * @sparticuz/chromium (extracted to the temp folder, with its bundled
 * libraries on LD_LIBRARY_PATH for machines without libnss3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findBrowser } from '../../../policies/browser';
import { openPdfPrinter, printPdf, PdfUnavailableError, type PdfBrowser } from '../../../policies/report/tom-annex/pdf';

jest.setTimeout(180_000);

/** The kit's own browser discovery (policies/browser.ts), once for the file; none found fails the test with its one-line reason. */
let found: PdfBrowser | undefined;
function resolveBrowser(): PdfBrowser {
  if (!found) {
    const { executablePath, env } = findBrowser();
    found = { executablePath, env };
  }
  return found;
}

/**
 * pdfjs-dist is an ES module (legacy build: runs in Node without a DOM): it
 * cannot load in jest's CommonJS sandbox, so it runs in a plain worker thread,
 * loaded once for every PDF of this file.
 */
const EXTRACT = `
const { parentPort } = require('node:worker_threads');
const loaded = import(${JSON.stringify(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href)});
parentPort.on('message', async ({ id, data }) => {
  try {
    const pdfjs = await loaded;
    const doc = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => item.str ?? '').join(' '));
    }
    parentPort.postMessage({ id, pages: doc.numPages, text: pages.join('\\n') });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error).split('\\n').slice(0, 3).join(' ') });
  }
});
`;

let extractor: Worker | undefined;
let requests = 0;
afterAll(() => extractor?.terminate());

function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  extractor ??= new Worker(EXTRACT, { eval: true });
  const worker = extractor;
  const id = ++requests;
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { id: number; pages: number; text: string; error?: string }) => {
      if (reply.id !== id) return;
      worker.off('message', onMessage).off('error', reject);
      if (reply.error) reject(new Error(`PDF text extraction failed (needs the devDependency pdfjs-dist): ${reply.error}`));
      else resolve({ pages: reply.pages, text: reply.text });
    };
    worker.on('message', onMessage).on('error', reject);
    worker.postMessage({ id, data: new Uint8Array(pdf) });
  });
}

const golden = (lang: string) => readFileSync(join(__dirname, '../../fixtures/tom-annex', `tom-annex.${lang}.html`), 'utf8');

describe('TOM annex PDF', () => {
  it('fails in one line when no browser is given', async () => {
    await expect(printPdf('<p>x</p>', { browser: undefined, footer: 'f', pageLabel: 'Seite', lang: 'de' })).rejects.toThrow(PdfUnavailableError);
    await expect(printPdf('<p>x</p>', { browser: { executablePath: '/nonexistent/chromium' }, footer: 'f', pageLabel: 'Seite', lang: 'de' })).rejects.toThrow(
      /^Chromium executable \/nonexistent\/chromium does not exist: set CHROMIUM_PATH/,
    );
  });

  it('prints several documents from one browser, each in a page of its own, and closes it', async () => {
    const printer = openPdfPrinter(resolveBrowser(), { launchNow: true, pagesAhead: 2 });
    try {
      const [de, en] = await Promise.all([
        printer.print(golden('de'), { footer: 'Stand 30. November 2026', pageLabel: 'Seite', lang: 'de' }),
        printer.print(golden('en'), { footer: 'As of 30 November 2026', pageLabel: 'Page', lang: 'en' }),
      ]);
      expect((await pdfText(de)).text).toContain('Zutrittskontrolle');
      expect((await pdfText(en)).text).toMatch(/Page\s*1\s*\/\s*\d/);
      // A third document after the pages opened ahead are used up.
      expect((await printer.print('<p>x</p>', { footer: 'f', pageLabel: 'p', lang: 'en' })).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
    await expect(printer.print('<p>x</p>', { footer: 'f', pageLabel: 'p', lang: 'en' })).rejects.toThrow();
  });

  it('closes a printer that never printed without starting a browser, and reports a browser that does not exist at the print', async () => {
    await openPdfPrinter(resolveBrowser()).close();
    const missing = openPdfPrinter({ executablePath: '/nonexistent/chromium' }, { launchNow: true, pagesAhead: 2 });
    await expect(missing.print('<p>x</p>', { footer: 'f', pageLabel: 'p', lang: 'en' })).rejects.toThrow(PdfUnavailableError);
    await missing.close();
  });

  it('prints the German annex on A4 with headings, page numbers, version and date', async () => {
    const browser = resolveBrowser();
    const pdf = await printPdf(golden('de'), { browser, footer: 'Version f22dcf94 · Stand 30. November 2026', pageLabel: 'Seite', lang: 'de' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(8);
    for (const h of ['Anlage TOM', 'Zutrittskontrolle', 'Zugangskontrolle', 'Zugriffskontrolle', 'Weitergabekontrolle', 'Eingabekontrolle', 'Auftragskontrolle', 'Verfügbarkeitskontrolle', 'Trennungskontrolle', 'Unterauftragsverarbeiter']) {
      expect(text).toContain(h);
    }
    expect(text).toMatch(/Seite\s*1\s*\/\s*\d/);
    expect(text).toContain('Stand 30. November 2026');
  });
});
