/**
 * compliance.md: the report an auditor reads in a pull request or a wiki.
 * Order: summary, residual risks, Statement of Applicability, failures and
 * unknowns with remediation (most severe first), waived findings, inherited
 * controls, every control, and the organisational measures outside the kit's
 * scope. With `detail` summary (the default) a control's passing subjects are
 * a count, so the report grows with failures and not with the inventory;
 * `full` lists every subject under its control.
 */
import type { AuditResult } from '../types';
import { ORGANISATIONAL_MEASURES, RESIDUAL_RISKS, SUB_PROCESSORS, UNKNOWN_HINT } from './content';
import { mdCell, mdCode, mdText } from './escape';
import {
  buildModel,
  describeTrace,
  describeWaiver,
  measureText,
  needsAttention,
  STATUS_LABEL,
  STATUSES,
  statusOf,
  subjectName,
  type FindingGroup,
  type ReportDetail,
  type ReportModel,
} from './model';
import { describeImplementation, IMPLEMENTATION_LABEL, soaCounts, statementOfApplicability, type SoaImplementation } from './soa';

/** A GFM table; cells are already formatted (use mdCell / mdCode on raw text). */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const list = (items: readonly string[]) => items.map(mdCell).join(', ') || '–';
const orDash = (text: string | undefined) => (text ? mdCell(text) : '–');

function header(model: ReportModel): string {
  const r = model.result;
  const verdict = r.summary.compliant ? 'COMPLIANT' : 'NOT COMPLIANT';
  return [
    '# Compliance report',
    '',
    `Generated ${mdText(r.generatedAt)} by ${mdText(r.tool.name)} ${mdText(r.tool.version)}.`,
    '',
    `Inputs: ${r.inputs.map(mdCode).join(', ') || '–'}`,
    '',
    `**Verdict: ${verdict}** — ${r.summary.blocking} blocking (failures at severity ${mdText(r.summary.failOn)} or above, plus waiver problems).`,
  ].join('\n');
}

function summary(model: ReportModel): string {
  const s = model.result.summary;
  return [
    '## Summary',
    '',
    table(
      ['', ...STATUSES.map((st) => STATUS_LABEL[st])],
      [
        ['Controls', ...STATUSES.map((st) => String(s.controlsByStatus[st] ?? 0))],
        ['Findings', ...STATUSES.map((st) => String(s.findings[st] ?? 0))],
      ],
    ),
    '',
    `${s.controls} controls over ${s.resources} resources in ${model.result.stacks.length} stacks. ` +
      `Waiver problems: ${s.waiverProblems}. Gate threshold: ${mdText(s.failOn)}.`,
    // What a reader could not audit (macros, SAM resources, conditions known only at deploy): never silent.
    ...model.result.stacks.flatMap((st) => (st.notes ?? []).map((n) => `\n- Not audited or assumed in ${mdText(st.name)}: ${mdText(n)}`)),
    ...notAudited(model),
  ].join('\n');
}

/** Remote Terraform modules the audit did not read: listed, never silently skipped. */
function notAudited(model: ReportModel): string[] {
  const lines = model.result.stacks.flatMap((st) => (st.notAudited ?? []).map((n) => `- ${mdCell(st.name)}: ${mdText(n)}`));
  return lines.length === 0 ? [] : ['', '**Not audited** (their resources are not in this report; audit the plan JSON to include them):', '', ...lines];
}

function residualRisks(): string {
  return [
    '## Residual risks',
    '',
    ...RESIDUAL_RISKS.map((r) => `- **${mdText(r.title)}.** ${mdText(r.detail)}`),
    '',
    table(
      ['Provider', 'Company', 'Seat', 'Role'],
      SUB_PROCESSORS.map((p) => [mdCell(p.provider), mdCell(p.company), mdCell(p.seat), mdCell(p.role)]),
    ),
  ].join('\n');
}

function soaIntro(model: ReportModel): string[] {
  const isms = model.result.isms;
  const counts = soaCounts(statementOfApplicability(model));
  return [
    isms
      ? `${mdText(isms.organisation.name)} · SoA version ${mdText(isms.soa.version)}, approved by ${mdText(isms.soa.approvedBy)} on ${mdText(isms.soa.approvedOn)}.`
      : 'No ISMS declarations were given (pass `--config`): organisational rows are marked "not declared".',
    '',
    ...(isms ? [`Scope: ${mdText(isms.scope)}`, ''] : []),
    `All 93 Annex A controls. ${(Object.keys(IMPLEMENTATION_LABEL) as SoaImplementation[])
      .map((k) => `${IMPLEMENTATION_LABEL[k]}: ${counts[k]}`)
      .join(' · ')}.`,
  ];
}

function soaTable(model: ReportModel): string {
  return table(
    ['Annex A (2022)', '2013 predecessors', 'Applicable', 'Justification', 'Implementation', 'Status', 'Evidence'],
    statementOfApplicability(model).map((r) => [
      mdCell(`${r.annexId} ${r.title}`),
      list(r.iso2013),
      r.applicable,
      mdCell(r.justification),
      mdCell(describeImplementation(r)),
      mdCell(r.status),
      list(r.evidence),
    ]),
  );
}

function soa(model: ReportModel): string {
  return ['## Statement of Applicability (ISO/IEC 27001:2022 Annex A)', '', ...soaIntro(model), '', soaTable(model)].join('\n');
}

/** `soa.md`: the Statement of Applicability on its own, for the ISMS document set. */
export function renderSoaMarkdown(result: AuditResult): string {
  const model = buildModel(result);
  return [
    '# Statement of Applicability',
    '',
    `Generated ${mdText(result.generatedAt)} by ${mdText(result.tool.name)} ${mdText(result.tool.version)} from the audit of ${result.inputs.map(mdCode).join(', ') || '–'}.`,
    '',
    ...soaIntro(model),
    '',
    soaTable(model),
    '',
  ].join('\n');
}

/** One row per group of findings sharing a reason: the reason once, then every subject it applies to. */
function groupRows(groups: readonly FindingGroup[]): string[][] {
  return groups.map((g) => [
    mdCell(g.reason),
    g.path ? mdCode(g.path) : '–',
    mdCode(g.source),
    `${g.findings.length}: ${g.findings.map((f) => mdCode(subjectName(f))).join(', ')}`,
  ]);
}

/**
 * Failing and unknown findings per control, the most severe controls first,
 * each with its remediation; findings that share a reason are one row naming
 * all their subjects, so the reason is not repeated thousands of times.
 */
function failures(model: ReportModel): string {
  const out = ['## Failures'];
  const byControl = new Map<string, FindingGroup[]>();
  for (const g of model.attentionGroups) {
    if (g.status === 'waived') continue;
    const list = byControl.get(g.controlId);
    if (list) list.push(g);
    else byControl.set(g.controlId, [g]);
  }
  for (const [id, groups] of byControl) {
    const control = model.controlById.get(id);
    const failed = groups.filter((g) => g.status === 'fail');
    const unknown = groups.filter((g) => g.status === 'unknown');
    const count = (gs: readonly FindingGroup[]) => gs.reduce((n, g) => n + g.findings.length, 0);
    out.push('', `### ${mdText(id)} ${mdText(control?.title ?? '')} (${groups[0].severity})`);
    if (control) out.push('', `**Remediation:** ${mdText(control.remediation)}`);
    const headers = ['Reason', 'Attribute', 'Source', 'Subjects (stack/address)'];
    if (failed.length > 0) out.push('', `**Failing (${count(failed)}):**`, '', table(headers, groupRows(failed)));
    if (unknown.length > 0) {
      out.push('', `**Unknown until apply (${count(unknown)}):** the deciding value is only known at apply time. ${mdText(UNKNOWN_HINT)}`, '', table(headers, groupRows(unknown)));
    }
  }
  if (out.length === 1) out.push('', '_No failures and no unknowns._');
  return out.join('\n');
}

function waived(model: ReportModel): string {
  const groups = model.attentionGroups.filter((g) => g.status === 'waived');
  const out = [
    '## Waived findings',
    '',
    groups.length === 0
      ? '_No waived findings._'
      : table(
          ['Control', 'Finding', 'Waiver reason', 'Owner', 'Expires', 'Subjects (stack/address)'],
          groups.map((g) => [
            mdCell(g.controlId),
            mdCell(g.reason),
            orDash(g.waiver?.reason),
            orDash(g.waiver?.owner),
            orDash(g.waiver?.expires),
            `${g.findings.length}: ${g.findings.map((f) => mdCode(subjectName(f))).join(', ')}`,
          ]),
        ),
  ];
  if (model.waiverProblems.length > 0) {
    out.push(
      '',
      '### Waiver problems (each one blocks the gate)',
      '',
      table(
        ['Control', 'Resource', 'Problem', 'Owner', 'Expires', 'Message'],
        model.waiverProblems.map((p) => [
          mdCell(p.waiver.control),
          mdCode(p.waiver.resource),
          p.problem,
          mdCell(p.waiver.owner),
          mdCell(p.waiver.expires),
          mdCell(p.message),
        ]),
      ),
    );
  }
  return out.join('\n');
}

function inherited(model: ReportModel): string {
  const rows = model.controls.flatMap((c) =>
    c.scope === 'inherited'
      ? [[
          mdCell(c.id),
          mdCell(c.title),
          mdCell(c.inherited.document),
          mdCell(c.inherited.retrieved),
          mdCell(c.inherited.statement),
          String(model.countsByControl.get(c.id)?.inherited ?? 0),
        ]]
      : [],
  );
  return [
    '## Inherited controls',
    '',
    'Performed by the provider, not by this configuration: stated with their source, never counted as passed.',
    '',
    rows.length === 0
      ? '_No inherited controls._'
      : table(['Control', 'Title', 'Source document', 'Retrieved', 'Statement', 'Subjects'], rows),
  ].join('\n');
}

/** A control's subjects as counts: `3 pass, 1 fail`. */
function countLine(model: ReportModel, id: string): string {
  const counts = model.countsByControl.get(id);
  return STATUSES.filter((s) => (counts?.[s] ?? 0) > 0)
    .map((s) => `${counts![s]} ${STATUS_LABEL[s].toLowerCase()}`)
    .join(', ');
}

function subjects(model: ReportModel, id: string, detail: ReportDetail): string {
  const findings = model.findingsByControl.get(id) ?? [];
  if (findings.length === 0) return '_No subjects: nothing in the inventory is of a type this control applies to._';
  if (detail === 'summary') {
    const listed = findings.some(needsAttention) ? ' Failures, unknowns and waivers are listed above.' : '';
    return `**Subjects:** ${countLine(model, id)}.${listed} Every subject is named in compliance.json (\`--detail full\` lists them here).`;
  }
  return table(
    ['Status', 'Stack', 'Address', 'Reason', 'Attribute'],
    findings.map((f) => [
      STATUS_LABEL[f.status],
      mdCell(f.stack),
      mdCode(f.address),
      mdCell(f.waiver ? `${f.reason} (${describeWaiver(f.waiver)})` : f.reason),
      f.path ? mdCode(f.path) : '–',
    ]),
  );
}

function controls(model: ReportModel, detail: ReportDetail): string {
  const out = ['## Controls'];
  for (const c of model.controls) {
    out.push(
      '',
      `### ${mdText(c.id)} ${mdText(c.title)}`,
      '',
      `**Status:** ${STATUS_LABEL[statusOf(model.result, c.id)]} · **Severity:** ${c.severity} · ` +
        `**ISO/IEC 27001:2022:** ${list(c.iso27001_2022)} · **2013:** ${list(c.iso27001_2013)} · ` +
        `**GDPR Art. 32(1):** ${list(c.gdprArt32)} · **TOM:** ${mdText(c.tomCategory)} · ` +
        `**Peers:** ${list(c.equivalents)}`,
      '',
      mdText(c.measure),
      '',
      `**Measures:** ${c.measures.map((m) => mdText(measureText(m))).join(' · ') || '–'}`,
      '',
      `**Proof:** ${mdText(describeTrace(c.id))}`,
      '',
      subjects(model, c.id, detail),
    );
  }
  return out.join('\n');
}

function outOfScope(): string {
  return [
    '## Out of scope: organisational measures',
    '',
    'These promises are document-only: the kit neither provisions nor checks them. Evidence them in the ISMS.',
    '',
    table(
      ['Measure', 'Promise', 'ISO/IEC 27001:2022', 'Why out of scope'],
      ORGANISATIONAL_MEASURES.map((m) => [mdCell(m.measure), mdCell(m.promise), list(m.iso27001_2022), mdCell(m.why)]),
    ),
  ].join('\n');
}

export function renderMarkdown(result: AuditResult, detail: ReportDetail = 'summary'): string {
  const model = buildModel(result);
  return `${[
    header(model),
    summary(model),
    residualRisks(),
    soa(model),
    failures(model),
    waived(model),
    inherited(model),
    controls(model, detail),
    outOfScope(),
  ].join('\n\n')}\n`;
}
