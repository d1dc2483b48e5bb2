/**
 * Writes the TOM annex: per language `tom-annex.<lang>.md`, `.html` and (with
 * a browser) `.pdf`, plus the internal appendix `tom-internal.md`. Everything
 * is rendered first and then renamed into the output folder, so a failure
 * leaves no half-written annex; other files in the folder are left alone.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { annexDocument } from './document';
import { renderInternalAppendix } from './internal';
import type { Lang } from './messages/types';
import type { TomAnnexModel } from './model';
import { PdfUnavailableError, printPdf, type PdfBrowser } from './pdf';
import { renderAnnexHtml, renderAnnexMarkdown } from './render';

export const INTERNAL_APPENDIX_FILE = 'tom-internal.md';
export const annexFile = (lang: Lang, ext: 'md' | 'html' | 'pdf') => `tom-annex.${lang}.${ext}`;

export interface WriteAnnexOptions {
  readonly langs: readonly Lang[];
  /** `false`: no PDF. Otherwise the browser to print with; `undefined` inside means none was found. */
  readonly pdf: false | { readonly browser: PdfBrowser | undefined };
}

export interface WriteAnnexResult {
  readonly files: readonly string[];
}

export async function writeTomAnnex(model: TomAnnexModel, outDir: string, options: WriteAnnexOptions): Promise<WriteAnnexResult> {
  const rendered: [string, string | Buffer][] = [];
  for (const lang of options.langs) {
    const doc = annexDocument(model, lang);
    const html = renderAnnexHtml(doc);
    rendered.push([annexFile(lang, 'md'), renderAnnexMarkdown(doc)], [annexFile(lang, 'html'), html]);
    if (options.pdf) {
      rendered.push([annexFile(lang, 'pdf'), await printPdf(html, { browser: options.pdf.browser, footer: doc.footer, pageLabel: doc.pageLabel, lang })]);
    }
  }
  rendered.push([INTERNAL_APPENDIX_FILE, renderInternalAppendix(model, options.langs)]);

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

export { PdfUnavailableError };
