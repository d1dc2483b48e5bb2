/**
 * compliance.html: one self-contained file an auditor opens in a browser.
 * Every piece of text from the audit goes through `e()`; markup is only ever
 * the writer's own. Summary counts carry `data-testid="count-<status>"`
 * (findings) and `controls-<status>` (controls).
 *
 * Failures, unknowns and waivers come first, most severe first, each with its
 * control's remediation. They (and with `detail` full every other finding)
 * travel as a JSON data island that the inline script pages into the table
 * with `textContent` only, so 20,000 failing findings neither make the file
 * huge nor the page slow, and nothing from the input can become markup.
 * Passing subjects are counted per control (named in compliance.json).
 */
import type { AuditResult, FindingStatus, Finding } from '../types';
import { ORGANISATIONAL_MEASURES, RESIDUAL_RISKS, SUB_PROCESSORS, UNKNOWN_HINT } from './content';
import { escapeHtml as e } from './escape';
import { REPORT_CSS, REPORT_JS } from './html-assets';
import {
  buildModel,
  describeTrace,
  describeWaiver,
  measureText,
  needsAttention,
  SEVERITY_ORDER,
  STATUS_LABEL,
  STATUSES,
  statusOf,
  type ReportDetail,
  type ReportModel,
} from './model';
import { IMPLEMENTATION_LABEL, soaCounts, statementOfApplicability, type SoaImplementation } from './soa';

/** Controls whose details start open: the reader has something to act on or sign off. */
const ATTENTION_CONTROL: ReadonlySet<FindingStatus> = new Set(['fail', 'unknown', 'waived']);
const statusBadge = (s: FindingStatus) => `<span class="status s-${s}">${e(STATUS_LABEL[s])}</span>`;
const codeOrDash = (text: string | undefined) => (text ? `<code>${e(text)}</code>` : '–');
const joined = (items: readonly string[]) => (items.length ? e(items.join(', ')) : '–');

/** A table with a caption and column headers; body rows are pre-rendered `<tr>`s. */
function table(caption: string, headers: readonly string[], rows: readonly string[], attrs = ''): string {
  return [
    `<table${attrs}>`,
    `<caption>${e(caption)}</caption>`,
    `<thead><tr>${headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
  ].join('\n');
}

const row = (cells: readonly string[], attrs = '') => `<tr${attrs}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

function header(model: ReportModel): string {
  const r = model.result;
  const ok = r.summary.compliant;
  return `<header>
<h1>Compliance report</h1>
<p class="meta">Generated <time datetime="${e(r.generatedAt)}">${e(r.generatedAt)}</time> by ${e(r.tool.name)} ${e(r.tool.version)}.</p>
<p class="meta">Inputs: ${r.inputs.map((i) => `<code>${e(i)}</code>`).join(', ') || '–'}</p>
<p><span class="verdict ${ok ? 'ok' : 'blocked'}" data-testid="verdict">${ok ? 'Compliant' : 'Not compliant'}</span>
<span data-testid="count-blocking">${r.summary.blocking}</span> blocking (failures at severity ${e(r.summary.failOn)} or above, plus waiver problems).</p>
</header>
<nav aria-label="Sections"><p>
<a href="#summary">Summary</a> · <a href="#findings">Failures</a> · <a href="#passed">Passed per control</a> · <a href="#residual-risks">Residual risks</a> ·
<a href="#soa">Statement of Applicability</a> · <a href="#inherited">Inherited</a> · <a href="#waivers">Waivers</a> · <a href="#controls">Controls</a> · <a href="#out-of-scope">Out of scope</a>
</p></nav>`;
}

function summary(model: ReportModel): string {
  const s = model.result.summary;
  const cards = (kind: 'count' | 'controls', counts: Readonly<Record<FindingStatus, number>>) =>
    `<ul class="cards">${STATUSES.map(
      (st) =>
        `<li class="s-${st}"><span class="n" data-testid="${kind}-${st}">${counts[st] ?? 0}</span>${e(STATUS_LABEL[st])}</li>`,
    ).join('')}</ul>`;
  return `<section id="summary" aria-labelledby="h-summary">
<h2 id="h-summary">Summary</h2>
<h3>Findings (control × subject)</h3>
${cards('count', s.findings)}
<h3>Controls</h3>
${cards('controls', s.controlsByStatus)}
<p><span data-testid="count-controls">${s.controls}</span> controls over <span data-testid="count-resources">${s.resources}</span> resources in ${model.result.stacks.length} stacks.
Waiver problems: <span data-testid="count-waiver-problems">${s.waiverProblems}</span>. Gate threshold: ${e(s.failOn)}.</p>
${notes(model)}</section>`;
}

/** What a reader could not audit or had to assume (macros, SAM resources, unknown conditions): never silent. */
function notes(model: ReportModel): string {
  const items = model.result.stacks.flatMap((st) => (st.notes ?? []).map((n) => `<li>${e(st.name)}: ${e(n)}</li>`));
  return items.length === 0 ? '' : `<h3>Not audited or assumed</h3>\n<ul>\n${items.join('\n')}\n</ul>\n`;
}

function residualRisks(): string {
  return `<section id="residual-risks" aria-labelledby="h-risks">
<h2 id="h-risks">Residual risks</h2>
<ul>
${RESIDUAL_RISKS.map((r) => `<li><strong>${e(r.title)}.</strong> ${e(r.detail)}</li>`).join('\n')}
</ul>
${table(
  'Sub-processors',
  ['Provider', 'Company', 'Seat', 'Role'],
  SUB_PROCESSORS.map((p) => row([e(p.provider), e(p.company), e(p.seat), e(p.role)])),
)}
</section>`;
}

function soa(model: ReportModel): string {
  const isms = model.result.isms;
  const rows = statementOfApplicability(model);
  const counts = soaCounts(rows);
  const body = rows.map((r) =>
    row(
      [
        `<code>${e(r.annexId)}</code> ${e(r.title)}`,
        joined(r.iso2013),
        e(r.applicable),
        e(r.justification),
        [
          ...r.verifiedBy.map((k) => `<a href="#control-${e(k.id)}">${e(k.id)}</a> ${statusBadge(k.status)}`),
          ...r.inherited.map((i) => `inherited from ${e(i.provider)} (<a href="#control-${e(i.controlId)}">${e(i.controlId)}</a>; ${e(i.source.document)}, retrieved ${e(i.source.retrieved)})`),
          ...(r.organisational ? [`organisational: owner ${e(r.organisational.owner)}, ${e(r.organisational.status)}`] : []),
          ...(r.notEvaluated.length ? [`not evaluated: ${r.notEvaluated.map((k) => `<a href="#control-${e(k.id)}">${e(k.id)}</a>`).join(', ')}`] : []),
          ...(r.implementation === 'excluded' || r.implementation === 'no-owner' || r.implementation === 'not-declared' ? [e(IMPLEMENTATION_LABEL[r.implementation])] : []),
        ].join('<br>'),
        `<span class="soa-status">${e(r.status)}</span>`,
        r.organisational ? e(r.organisational.evidence) : r.inherited.length ? e(r.inherited.map((i) => i.source.document).join('; ')) : r.verifiedBy.length ? 'findings below' : '–',
      ],
      ` data-implementation="${r.implementation}" data-testid="soa-row"`,
    ),
  );
  const declared = isms
    ? `<p>${e(isms.organisation.name)} · SoA version ${e(isms.soa.version)}, approved by ${e(isms.soa.approvedBy)} on ${e(isms.soa.approvedOn)}. Scope: ${e(isms.scope)}</p>`
    : '<p>No ISMS declarations were given (pass <code>--config</code>): organisational rows are marked “not declared”.</p>';
  const tally = (Object.keys(IMPLEMENTATION_LABEL) as SoaImplementation[])
    .map((k) => `<li><span class="n" data-testid="soa-${k}">${counts[k]}</span> ${e(IMPLEMENTATION_LABEL[k])}</li>`)
    .join('');
  return `<section id="soa" aria-labelledby="h-soa">
<h2 id="h-soa">Statement of Applicability</h2>
${declared}
<p>All 93 ISO/IEC 27001:2022 Annex A controls with their 2013 predecessors, the decision, its justification, the implementation and its evidence.</p>
<ul class="cards">${tally}</ul>
${table('ISO/IEC 27001:2022 Annex A', ['Annex A (2022)', '2013 predecessors', 'Applicable', 'Justification', 'Implementation', 'Status', 'Evidence'], body)}
</section>`;
}

function inherited(model: ReportModel): string {
  const rows = model.controls.flatMap((c) =>
    c.scope === 'inherited'
      ? [row([
          `<a href="#control-${e(c.id)}">${e(c.id)}</a>`,
          e(c.title),
          e(c.inherited.document),
          `<time datetime="${e(c.inherited.retrieved)}">${e(c.inherited.retrieved)}</time>`,
          e(c.inherited.statement),
          String(model.countsByControl.get(c.id)?.inherited ?? 0),
        ])]
      : [],
  );
  return `<section id="inherited" aria-labelledby="h-inherited">
<h2 id="h-inherited">Inherited controls</h2>
<p>Performed by the provider, not by this configuration: stated with their source, never counted as passed.</p>
${rows.length ? table('Provider-performed measures', ['Control', 'Title', 'Source document', 'Retrieved', 'Statement', 'Subjects'], rows) : '<p>No inherited controls.</p>'}
</section>`;
}

function waivers(model: ReportModel): string {
  const waived = model.attention.filter((f) => f.status === 'waived').map((f) =>
    row([e(f.controlId), e(f.stack), codeOrDash(f.address), e(f.reason), e(f.waiver?.reason ?? '–'), e(f.waiver?.owner ?? '–'), e(f.waiver?.expires ?? '–')]),
  );
  const problems = model.waiverProblems.map((p) =>
    row([e(p.waiver.control), codeOrDash(p.waiver.resource), e(p.problem), e(p.waiver.owner), e(p.waiver.expires), e(p.message)], ` data-status="fail"`),
  );
  return `<section id="waivers" aria-labelledby="h-waivers">
<h2 id="h-waivers">Waivers</h2>
${waived.length ? table('Waived findings (accepted risks)', ['Control', 'Stack', 'Address', 'Finding', 'Waiver reason', 'Owner', 'Expires'], waived) : '<p>No waived findings.</p>'}
${problems.length ? table('Waiver problems (each one blocks the gate)', ['Control', 'Resource', 'Problem', 'Owner', 'Expires', 'Message'], problems) : '<p>No waiver problems.</p>'}
</section>`;
}

/**
 * The findings the table shows, as JSON the script reads: controls, stacks
 * and repeated texts once, each row pointing at them by index. `<`, `>`, `&` and the JavaScript
 * line separators are escaped, so no text can close the script element.
 */
function dataIsland(model: ReportModel, shown: readonly Finding[]): string {
  const controlIds = [...new Set(shown.map((f) => f.controlId))];
  const stackNames = [...new Set(shown.map((f) => f.stack))];
  const controlAt = new Map(controlIds.map((id, i) => [id, i] as const));
  const stackAt = new Map(stackNames.map((name, i) => [name, i] as const));
  // Reasons, attributes and source files repeat across thousands of findings: each is written once.
  const strings: string[] = [];
  const stringAt = new Map<string, number>();
  const intern = (text: string): number => {
    let at = stringAt.get(text);
    if (at === undefined) {
      at = strings.push(text) - 1;
      stringAt.set(text, at);
    }
    return at;
  };
  const rows = shown.map((f) => [
    f.status,
    f.severity,
    controlAt.get(f.controlId),
    stackAt.get(f.stack),
    f.address,
    intern(f.waiver ? `${f.reason} (${describeWaiver(f.waiver)})` : f.reason),
    intern(f.path ?? ''),
    intern(f.source),
  ]);
  const data = {
    labels: STATUS_LABEL,
    controls: controlIds.map((id) => [id, model.controlById.get(id)?.remediation ?? '']),
    stacks: stackNames,
    strings,
    rows,
  };
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="findings-data">${json}</script>`;
}

const options = (values: readonly string[], label: (v: string) => string = (v) => v) =>
  values.map((v) => `<option value="${e(v)}">${e(label(v))}</option>`).join('');

function findings(model: ReportModel, detail: ReportDetail): string {
  const shown = detail === 'full' ? [...model.attention, ...model.findings.filter((f) => !needsAttention(f))] : model.attention;
  const statuses = STATUSES.filter((s) => shown.some((f) => f.status === s));
  const severities = SEVERITY_ORDER.filter((s) => shown.some((f) => f.severity === s));
  const stacks = [...new Set(shown.map((f) => f.stack))].sort();
  const controlIds = [...new Set(shown.map((f) => f.controlId))];
  const heading = detail === 'full' ? 'Findings' : 'Failures, unknowns and waivers';
  const what = detail === 'full' ? 'findings' : 'findings that need attention';
  // Nothing to list (a compliant audit): say so instead of an empty table; the script still finds its elements.
  const hidden = shown.length === 0 ? ' hidden' : '';
  return `<section id="findings" aria-labelledby="h-findings">
<h2 id="h-findings">${heading}</h2>
<p>Most severe first, then by control; each with its control’s remediation.${detail === 'full' ? '' : ' Passing subjects are counted per control below and named in compliance.json (<code>--detail full</code> lists them here).'}</p>
${shown.some((f) => f.status === 'unknown') ? `<p class="hint" data-testid="unknown-hint">Unknown findings: the deciding value is only known at apply time. ${e(UNKNOWN_HINT)}</p>\n` : ''}
${shown.length === 0 ? `<p data-testid="no-findings">No ${what}.</p>\n` : ''}<form class="filters" role="search" aria-label="Filter findings" onsubmit="return false"${hidden}>
<label for="filter-status">Status<select id="filter-status" data-testid="filter-status"><option value="">All statuses</option>${options(statuses, (s) => STATUS_LABEL[s as keyof typeof STATUS_LABEL])}</select></label>
<label for="filter-severity">Severity<select id="filter-severity" data-testid="filter-severity"><option value="">All severities</option>${options(severities)}</select></label>
<label for="filter-stack">Stack<select id="filter-stack" data-testid="filter-stack"><option value="">All stacks</option>${options(stacks)}</select></label>
<label for="filter-control">Control<select id="filter-control" data-testid="filter-control"><option value="">All controls</option>${options(controlIds, (id) => `${id} ${model.controlById.get(id)?.title ?? ''}`.trim())}</select></label>
<label for="filter-text">Search<input id="filter-text" data-testid="filter-text" type="search" placeholder="address, control, reason…" autocomplete="off"></label>
<p aria-live="polite"><span id="visible-count" data-testid="visible-count">${shown.length}</span> of ${shown.length} ${what} match; <span id="rendered-count" data-testid="rendered-count">0</span> shown.</p>
</form>
<noscript><p>The table needs JavaScript. compliance.md lists the same findings, compliance.json every finding.</p></noscript>
<div class="scroll"${hidden}>
<table class="findings">
<caption>${e(heading)} (control × subject)</caption>
<colgroup><col class="c-status"><col class="c-severity"><col class="c-control"><col class="c-stack"><col class="c-address"><col class="c-reason"><col class="c-path"><col class="c-source"></colgroup>
<thead><tr>${['Status', 'Severity', 'Control', 'Stack', 'Address', 'Reason and remediation', 'Attribute', 'Source'].map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody id="findings-body"></tbody>
</table>
</div>
<p><button type="button" id="show-more" data-testid="show-more" hidden>Show more</button></p>
${dataIsland(model, shown)}
</section>`;
}

/** Passing, inherited and not-applicable subjects: one row per control and status, a count instead of a list. */
function passed(model: ReportModel): string {
  const rows = model.aggregates.map((a) =>
    row(
      [
        statusBadge(a.status),
        `<a href="#control-${e(a.controlId)}">${e(a.controlId)}</a> ${e(a.control?.title ?? '')}`,
        e(a.severity),
        String(a.findings.length),
        e([...new Set(a.findings.map((f) => f.stack))].sort().join(', ')),
      ],
      ` data-status="${a.status}" data-testid="aggregate-row"`,
    ),
  );
  return `<section id="passed" aria-labelledby="h-passed">
<h2 id="h-passed">Passed, inherited and not applicable, per control</h2>
<p>Counted per control; every subject is named in compliance.json.</p>
${rows.length ? table('Subjects per control and status', ['Status', 'Control', 'Severity', 'Subjects', 'Stacks'], rows) : '<p>No passing subjects.</p>'}
</section>`;
}

function controls(model: ReportModel): string {
  const blocks = model.controls.map((c) => {
    const counts = model.countsByControl.get(c.id);
    const countText = STATUSES.filter((s) => (counts?.[s] ?? 0) > 0)
      .map((s) => `${counts![s]} ${STATUS_LABEL[s].toLowerCase()}`)
      .join(', ');
    return `<article class="control" id="control-${e(c.id)}" aria-labelledby="h-control-${e(c.id)}">
<h3 id="h-control-${e(c.id)}">${e(c.id)} ${e(c.title)} ${statusBadge(statusOf(model.result, c.id))}</h3>
<p>${e(c.measure)}</p>
<p class="counts">Findings: ${countText ? e(countText) : 'none'}</p>
<details${ATTENTION_CONTROL.has(statusOf(model.result, c.id)) ? ' open' : ''}><summary>Mappings, proof, rationale and remediation</summary>
<dl>
<dt>Severity</dt><dd>${e(c.severity)}</dd>
<dt>ISO/IEC 27001:2022</dt><dd>${joined(c.iso27001_2022)}</dd>
<dt>ISO/IEC 27001:2013</dt><dd>${joined(c.iso27001_2013)}</dd>
<dt>GDPR Art. 32(1)</dt><dd>${joined(c.gdprArt32)}</dd>
<dt>TOM category</dt><dd>${e(c.tomCategory)}</dd>
<dt>Measures</dt><dd>${c.measures.map((m) => e(measureText(m))).join('<br>') || '–'}</dd>
<dt>Proof</dt><dd>${e(describeTrace(c.id))}</dd>
<dt>Peer checks</dt><dd>${joined(c.equivalents)}</dd>
<dt>Rationale</dt><dd>${e(c.rationale)}</dd>
<dt>Remediation</dt><dd>${e(c.remediation)}</dd>
<dt>Findings</dt><dd>${countText ? e(countText) : 'none: nothing in the inventory is of a type this control applies to'}</dd>
</dl>
</details>
</article>`;
  });
  return `<section id="controls" aria-labelledby="h-controls">
<h2 id="h-controls">Controls</h2>
${blocks.join('\n')}
</section>`;
}

function outOfScope(): string {
  return `<section id="out-of-scope" aria-labelledby="h-oos">
<h2 id="h-oos">Out of scope: organisational measures</h2>
<p>These promises are document-only: the kit neither provisions nor checks them. Evidence them in the ISMS.</p>
${table(
  'Document-only measures',
  ['Measure', 'Promise', 'ISO/IEC 27001:2022', 'Why out of scope'],
  ORGANISATIONAL_MEASURES.map((m) => row([e(m.measure), e(m.promise), joined(m.iso27001_2022), e(m.why)])),
)}
</section>`;
}

export function renderHtml(result: AuditResult, detail: ReportDetail = 'summary'): string {
  const model = buildModel(result);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compliance report – ${e(result.generatedAt)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header(model)}
<main>
${summary(model)}
${findings(model, detail)}
${passed(model)}
${residualRisks()}
${soa(model)}
${inherited(model)}
${waivers(model)}
${controls(model)}
${outOfScope()}
</main>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}
