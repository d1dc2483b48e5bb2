/**
 * Writes the TOM annex: per language `tom-annex.<lang>.md`, `.html` and (with
 * a browser) `.pdf`, plus the internal appendix `tom-internal.md`. Everything
 * is rendered first and then renamed into the output folder, so a failure
 * leaves no half-written annex; other files in the folder are left alone.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { annexDocument, type AnnexDocument } from './document';
import { renderInternalAppendix } from './internal';
import type { Lang } from './messages/types';
import type { TomAnnexModel } from './model';
import { openPdfPrinter, PdfUnavailableError, type PdfBrowser, type PdfPrinter } from './pdf';
import { renderAnnexHtml, renderAnnexMarkdown } from './render';

export const INTERNAL_APPENDIX_FILE = 'tom-internal.md';
export const annexFile = (lang: Lang, ext: 'md' | 'html' | 'pdf') => `tom-annex.${lang}.${ext}`;

export interface WriteAnnexOptions {
  readonly langs: readonly Lang[];
  /**
   * `false`: no PDF. Otherwise the browser to print with (`undefined` inside means none was found),
   * or a printer already started (its owner closes it).
   */
  readonly pdf: false | { readonly browser: PdfBrowser | undefined } | { readonly printer: PdfPrinter };
}

export interface WriteAnnexResult {
  readonly files: readonly string[];
}

export async function writeTomAnnex(model: TomAnnexModel, outDir: string, options: WriteAnnexOptions): Promise<WriteAnnexResult> {
  return writeRenderedAnnex(await renderTomAnnex(model, options), outDir);
}

/** The annex's files, rendered (and printed) but not yet written: name and content. */
export type RenderedAnnex = readonly (readonly [string, string | Buffer])[];

/** Everything `writeTomAnnex` writes, in memory; rejects with PdfUnavailableError when the PDF cannot be printed. */
export async function renderTomAnnex(model: TomAnnexModel, options: WriteAnnexOptions): Promise<RenderedAnnex> {
  const docs = options.langs.map((lang) => {
    const doc = annexDocument(model, lang);
    return { lang, doc, html: renderAnnexHtml(doc) };
  });
  const pdfs = options.pdf ? await printAll(docs, options.pdf) : [];
  const rendered: [string, string | Buffer][] = [];
  docs.forEach(({ lang, doc, html }, i) => {
    rendered.push([annexFile(lang, 'md'), renderAnnexMarkdown(doc)], [annexFile(lang, 'html'), html]);
    if (options.pdf) rendered.push([annexFile(lang, 'pdf'), pdfs[i]]);
  });
  rendered.push([INTERNAL_APPENDIX_FILE, renderInternalAppendix(model, options.langs)]);
  return rendered;
}

/** Writes rendered files into `outDir` through a temporary folder, so a failure leaves none of them half-written. */
export async function writeRenderedAnnex(rendered: RenderedAnnex, outDir: string): Promise<WriteAnnexResult> {
  const target = resolve(outDir);
  await mkdir(target, { recursive: true });
  const temp = await mkdtemp(join(target, '.tom-annex.tmp-'));
  try {
    for (const [name, content] of rendered) await writeFile(join(temp, name), content);
    for (const [name] of rendered) await rename(join(temp, name), join(target, name));
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return { files: rendered.map(([name]) => join(outDir, name)) };
}

/** Every language's PDF from one browser, printed side by side. */
async function printAll(
  docs: readonly { lang: Lang; doc: AnnexDocument; html: string }[],
  pdf: { readonly browser: PdfBrowser | undefined } | { readonly printer: PdfPrinter },
): Promise<Buffer[]> {
  const printer = 'printer' in pdf ? pdf.printer : openPdfPrinter(pdf.browser);
  try {
    return await Promise.all(docs.map(({ lang, doc, html }) => printer.print(html, { footer: doc.footer, pageLabel: doc.pageLabel, lang })));
  } finally {
    if (!('printer' in pdf)) await printer.close();
  }
}

export { PdfUnavailableError };
