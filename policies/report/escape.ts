/**
 * Escaping for every text format the reports write. Reasons, addresses and
 * waiver texts come from the audited configuration and waiver files, so they
 * are untrusted: they must never become markup.
 */

/**
 * Characters XML 1.0 forbids even as character references (C0 controls other
 * than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). Replaced, not dropped, so
 * a reader sees something was there.
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in XML/HTML element content and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Attribute values additionally keep line breaks (an XML parser would fold them to spaces). */
export function escapeXmlAttr(text: string): string {
  return escapeXml(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** HTML uses the same rules; the name says which output a call is for. */
export const escapeHtml = escapeXml;

/** Markdown source may contain HTML; only `&`, `<`, `>` need neutralising for that (quotes are harmless). */
function mdHtml(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/** Markdown running text: no raw HTML, and no accidental emphasis, code or links from `*`, `_`, `` ` ``, `[`. */
export function mdText(text: string): string {
  return mdHtml(text).replace(/([\\`*_[\]])/g, '\\$1');
}

/**
 * Text inside a Markdown table cell: as running text, plus no cell breaks
 * (`|`) and no line breaks (they would end the row).
 */
export function mdCell(text: string): string {
  return mdText(text)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/**
 * An inline code span (addresses, paths). The fence is longer than any
 * backtick run inside, as CommonMark requires; `|` is still escaped because
 * GFM splits table cells before it parses code spans.
 */
export function mdCode(text: string): string {
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
