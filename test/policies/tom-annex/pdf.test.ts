/**
 * The PDF: printed by headless Chromium from the golden HTML, A4, with the
 * headings in its text (extracted with pdfjs-dist) and a plausible page count.
 *
 * Browser: CHROMIUM_PATH, /usr/bin/chromium, else the npm-shipped
 * @sparticuz/chromium (extracted to the temp folder, with its bundled
 * libraries on LD_LIBRARY_PATH for machines without libnss3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPdfPrinter, printPdf, PdfUnavailableError, type PdfBrowser } from '../../../policies/report/tom-annex/pdf';

jest.setTimeout(180_000);

const SPARTICUZ = `
const { dirname, join } = require('node:path');
(async () => {
  const mod = await import('@sparticuz/chromium');
  const exe = await mod.default.executablePath();
  const lib = await mod.inflate(join(dirname(require.resolve('@sparticuz/chromium')), '..', 'bin', 'al2023.tar.br'));
  process.stdout.write(JSON.stringify({ executablePath: exe, env: { LD_LIBRARY_PATH: join(lib, 'lib') } }));
})().catch((e) => { process.stderr.write(String(e)); process.exit(1); });
`;

function resolveBrowser(): PdfBrowser {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium' };
  // @sparticuz/chromium is an ES module: resolve it in a plain node process.
  const res = spawnSync(process.execPath, ['-e', SPARTICUZ], { cwd: join(__dirname, '../../..'), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`no browser for the PDF test: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

/** pdfjs-dist is an ES module (legacy build: runs in Node without a DOM): extract in a plain node process. */
const EXTRACT = `
import { readFileSync } from 'node:fs';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(0)), isEvalSupported: false }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  pages.push(content.items.map((item) => item.str ?? '').join(' '));
}
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: pages.join('\\n') }));
`;

function pdfText(pdf: Buffer): { pages: number; text: string } {
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', EXTRACT], { cwd: join(__dirname, '../../..'), input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`PDF text extraction failed (needs the devDependency pdfjs-dist): ${res.stderr.split('\n').slice(0, 3).join(' ')}`);
  return JSON.parse(res.stdout);
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
      expect(pdfText(de).text).toContain('Zutrittskontrolle');
      expect(pdfText(en).text).toMatch(/Page\s*1\s*\/\s*\d/);
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
    const { pages, text } = pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(8);
    for (const h of ['Anlage TOM', 'Zutrittskontrolle', 'Zugangskontrolle', 'Zugriffskontrolle', 'Weitergabekontrolle', 'Eingabekontrolle', 'Auftragskontrolle', 'Verfügbarkeitskontrolle', 'Trennungskontrolle', 'Unterauftragsverarbeiter']) {
      expect(text).toContain(h);
    }
    expect(text).toMatch(/Seite\s*1\s*\/\s*\d/);
    expect(text).toContain('Stand 30. November 2026');
  });
});
