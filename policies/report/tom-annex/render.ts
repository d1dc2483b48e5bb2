/**
 * Markdown and self-contained HTML of the customer document. Both render the
 * same `AnnexDocument`; the Markdown is deterministic (same inputs, same
 * bytes) so a pull request that weakens the infrastructure shows the dropped
 * sentence in its diff.
 */
import type { AnnexDocument } from './document';

/** Text from messages and config, made inert in Markdown (no links, emphasis, HTML or tables). */
export function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function renderAnnexMarkdown(doc: AnnexDocument): string {
  const out: string[] = [`# ${mdEscape(doc.title)}`, ''];
  for (const [label, value] of doc.meta) out.push(`- **${mdEscape(label)}:** ${mdEscape(value)}`);
  out.push('');
  for (const p of doc.intro) out.push(mdEscape(p), '');
  doc.sections.forEach((s, i) => {
    out.push(`## ${i + 1}. ${mdEscape(s.title)}`, '', `_${mdEscape(s.intro)}_`, '');
    if (s.technical.length === 0 && s.declared.length === 0) out.push(mdEscape(doc.noMeasures), '');
    if (s.technical.length > 0) {
      out.push(`**${mdEscape(doc.technicalHeading)}**`, '');
      for (const item of s.technical) {
        out.push(`- ${mdEscape(item.text)}`);
        for (const src of item.sources) out.push(`  - ${mdEscape(item.sourceLabel ?? '')}. ${mdEscape(src)}`);
      }
      out.push('');
    }
    if (s.declared.length > 0) {
      out.push(`**${mdEscape(doc.declaredHeading)}**`, '');
      for (const d of s.declared) out.push(`- ${mdEscape(d)}`);
      out.push('');
    }
  });
  const n = doc.sections.length;
  out.push(`## ${n + 1}. ${mdEscape(doc.subProcessors.heading)}`, '', mdEscape(doc.subProcessors.intro), '');
  out.push(`| ${doc.subProcessors.columns.map(mdEscape).join(' | ')} |`, `|${doc.subProcessors.columns.map(() => '---').join('|')}|`);
  for (const row of doc.subProcessors.rows) out.push(`| ${row.map(mdEscape).join(' | ')} |`);
  out.push('', `## ${n + 2}. ${mdEscape(doc.risks.heading)}`, '', mdEscape(doc.risks.intro), '');
  for (const r of doc.risks.items) out.push(`- **${mdEscape(r.title)}.** ${mdEscape(r.detail)}`);
  out.push('', '---', '', mdEscape(doc.footer), '');
  return out.join('\n');
}

const CSS = `
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; font-variant-ligatures: none; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 17pt; margin: 0 0 .8rem; }
h2 { font-size: 12.5pt; margin: 1.4rem 0 .3rem; border-bottom: 1px solid #ccc; padding-bottom: .15rem; break-after: avoid; }
h3 { font-size: 10.5pt; margin: .7rem 0 .2rem; break-after: avoid; }
.objective { font-style: italic; color: #444; margin: .2rem 0 .4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
ul { margin: .2rem 0 .5rem; padding-left: 1.2rem; }
li { margin: .15rem 0; break-inside: avoid; }
li .source { display: block; font-size: 9pt; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tr { break-inside: avoid; }
footer { margin-top: 1.5rem; font-size: 9pt; color: #555; border-top: 1px solid #ccc; padding-top: .3rem; }
@media print { body { margin: 0; max-width: none; padding: 0; } footer { display: none; } }
`;

export function renderAnnexHtml(doc: AnnexDocument): string {
  const e = htmlEscape;
  const sections = doc.sections.map((s, i) => {
    const parts = [`<section id="s${i + 1}">`, `<h2>${i + 1}. ${e(s.title)}</h2>`, `<p class="objective">${e(s.intro)}</p>`];
    if (s.technical.length === 0 && s.declared.length === 0) parts.push(`<p>${e(doc.noMeasures)}</p>`);
    if (s.technical.length > 0) {
      parts.push(`<h3>${e(doc.technicalHeading)}</h3>`, '<ul>');
      for (const item of s.technical) {
        const sources = item.sources.map((src) => `<span class="source">${e(item.sourceLabel ?? '')}. ${e(src)}</span>`).join('');
        parts.push(`<li>${e(item.text)}${sources}</li>`);
      }
      parts.push('</ul>');
    }
    if (s.declared.length > 0) {
      parts.push(`<h3>${e(doc.declaredHeading)}</h3>`, '<ul>', ...s.declared.map((d) => `<li>${e(d)}</li>`), '</ul>');
    }
    parts.push('</section>');
    return parts.join('\n');
  });
  const n = doc.sections.length;
  const sp = doc.subProcessors;
  return `<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="tom-annex-version" content="${e(doc.version)}">
<title>${e(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${e(doc.title)}</h1>
<dl class="meta">
${doc.meta.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('\n')}
</dl>
${doc.intro.map((p) => `<p>${e(p)}</p>`).join('\n')}
${sections.join('\n')}
<section id="s${n + 1}">
<h2>${n + 1}. ${e(sp.heading)}</h2>
<p>${e(sp.intro)}</p>
<table>
<thead><tr>${sp.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>
<tbody>
${sp.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>
</section>
<section id="s${n + 2}">
<h2>${n + 2}. ${e(doc.risks.heading)}</h2>
<p>${e(doc.risks.intro)}</p>
<ul>
${doc.risks.items.map((r) => `<li><strong>${e(r.title)}.</strong> ${e(r.detail)}</li>`).join('\n')}
</ul>
</section>
</main>
<footer>${e(doc.footer)}</footer>
</body>
</html>
`;
}
