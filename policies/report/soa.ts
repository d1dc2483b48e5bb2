/**
 * The Statement of Applicability: all 93 ISO/IEC 27001:2022 Annex A controls,
 * each with its decision (applicable or excluded), the justification, how it
 * is implemented and with what result, and where the evidence is. Derived,
 * never hand-written: the kit's rows come from each control's mapping fields
 * and the audit's results, the organisational rows and exclusions from the
 * config's `isms` section.
 *
 * A row is one of:
 * - `verified`: kit controls that were evaluated on audited resources prove it
 *   (status: the worst of their results);
 * - `not-evaluated`: kit controls map to it but none had a resource of its kind
 *   to check; applicable all the same, never read as excluded;
 * - `inherited`: only provider-performed controls map to it (with source and date);
 * - `organisational`: declared in `isms.controls` with owner and evidence;
 * - `excluded`: justified in `isms.exclusions`;
 * - `no-owner`: none of the above although ISMS declarations were given (TOM-ISMS-01 fails);
 * - `not-declared`: none of the above and no ISMS declarations (a plain audit of files).
 * A row can carry kit controls and an organisational declaration at once
 * (the data centre's physical entry is inherited, the office's is organisational).
 */
import { ANNEX_A_2022, themeOf, type AnnexATheme } from '../../data/iso27001-annex-a';
import type { Control, FindingStatus, InheritedSource } from '../types';
import { statusOf, worstStatus, type ReportModel } from './model';

export type SoaImplementation = 'verified' | 'not-evaluated' | 'inherited' | 'organisational' | 'excluded' | 'no-owner' | 'not-declared';

export interface SoaKitControl {
  readonly id: string;
  readonly title: string;
  readonly status: FindingStatus;
}

export interface SoaInherited {
  readonly controlId: string;
  readonly provider: string;
  readonly source: InheritedSource;
}

export interface SoaRow {
  /** Annex A id of the 2022 edition, e.g. `A.8.24`. */
  readonly annexId: string;
  readonly title: string;
  readonly theme: AnnexATheme;
  /** ISO/IEC 27001:2013 predecessors (empty: new in 2022). */
  readonly iso2013: readonly string[];
  /** `not decided` where the ISMS has made no decision (no owner, or no declarations at all). */
  readonly applicable: 'yes' | 'no' | 'not decided';
  readonly justification: string;
  readonly implementation: SoaImplementation;
  /** Kit controls evaluated on audited resources (not inherited). */
  readonly verifiedBy: readonly SoaKitControl[];
  /** Kit controls that map here but had nothing to evaluate. */
  readonly notEvaluated: readonly SoaKitControl[];
  readonly inherited: readonly SoaInherited[];
  readonly organisational?: { readonly owner: string; readonly evidence: string; readonly status: string };
  /** One word an auditor filters by: a kit status, `declared`, `excluded`, `no owner`, `not declared`, `not evaluated`. */
  readonly status: string;
  /** Where the evidence is: report anchors of the kit controls, the provider's document, the ISMS evidence reference. */
  readonly evidence: readonly string[];
}

export const IMPLEMENTATION_LABEL: Readonly<Record<SoaImplementation, string>> = {
  verified: 'Verified by the kit',
  'not-evaluated': 'Kit control, nothing of its kind audited',
  inherited: 'Inherited from the provider',
  organisational: 'Organisational',
  excluded: 'Excluded',
  'no-owner': 'No owner',
  'not-declared': 'Not declared',
};

const PROVIDER_NAME: Readonly<Record<string, string>> = {
  digitalocean: 'DigitalOcean',
  cloudflare: 'Cloudflare',
  aws: 'Amazon Web Services',
  kubernetes: 'DigitalOcean',
  backup: 'Amazon Web Services',
  cross: 'the cloud providers',
};

/** `A.5.1` before `A.5.10`: numeric parts compared as numbers. */
export function compareAnnexIds(a: string, b: string): number {
  const pa = a.split('.').slice(1).map(Number);
  const pb = b.split('.').slice(1).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

function kitControl(model: ReportModel, c: Control): SoaKitControl {
  return { id: c.id, title: c.title, status: statusOf(model.result, c.id) };
}

function justification(row: Pick<SoaRow, 'implementation'>, declared: string | undefined, scope: string | undefined): string {
  if (declared) return declared;
  switch (row.implementation) {
    case 'verified':
    case 'not-evaluated':
      return 'Applicable: the infrastructure in scope is built and audited with this control.';
    case 'inherited':
      return 'Applicable: processing runs at cloud providers, which perform this control for their facilities.';
    case 'organisational':
      return scope ? `Applicable to the ISMS scope: ${scope}` : 'Applicable to the ISMS scope.';
    case 'no-owner':
      return 'Not decided: no kit control proves it, and the ISMS names neither an owner nor an exclusion.';
    case 'not-declared':
      return 'Not declared: no kit control proves it, and no ISMS declarations were given to this audit (pass --config).';
    case 'excluded':
      return '';
  }
}

/** Every Annex A control, in Annex A order. */
export function statementOfApplicability(model: ReportModel): SoaRow[] {
  const isms = model.result.isms;
  const byAnnex = new Map<string, Control[]>();
  for (const c of model.controls) {
    if (c.scope === 'isms') continue; // TOM-ISMS-01 judges the SoA; it is not evidence for a row
    for (const id of c.iso27001_2022) byAnnex.set(id, [...(byAnnex.get(id) ?? []), c]);
  }
  return Object.keys(ANNEX_A_2022)
    .sort(compareAnnexIds)
    .map((annexId): SoaRow => {
      const { title, predecessors2013 } = ANNEX_A_2022[annexId];
      const controls = byAnnex.get(annexId) ?? [];
      const inheritedControls = controls.filter((c) => c.scope === 'inherited');
      const kit = controls.filter((c) => c.scope !== 'inherited').map((c) => kitControl(model, c));
      const verifiedBy = kit.filter((k) => k.status !== 'not-applicable');
      const notEvaluated = kit.filter((k) => k.status === 'not-applicable');
      const inherited = inheritedControls
        .filter((c) => statusOf(model.result, c.id) === 'inherited')
        .map((c) => ({ controlId: c.id, provider: PROVIDER_NAME[c.area] ?? c.area, source: (c as Extract<Control, { scope: 'inherited' }>).inherited }));
      const declared = isms?.controls[annexId];
      const excludedBecause = isms?.exclusions[annexId];
      const organisational = declared ? { owner: declared.owner, evidence: declared.evidence, status: declared.status } : undefined;

      const implementation: SoaImplementation =
        excludedBecause !== undefined
          ? 'excluded'
          : verifiedBy.length > 0
            ? 'verified'
            : inherited.length > 0
              ? 'inherited'
              : organisational
                ? 'organisational'
                : notEvaluated.length > 0
                  ? 'not-evaluated'
                  : isms
                    ? 'no-owner'
                    : 'not-declared';

      const status =
        implementation === 'verified'
          ? worstStatus(verifiedBy.map((k) => k.status))
          : implementation === 'inherited'
            ? 'inherited'
            : implementation === 'organisational'
              ? `declared (${organisational!.status})`
              : implementation === 'excluded'
                ? 'excluded'
                : implementation === 'not-evaluated'
                  ? 'not evaluated'
                  : implementation === 'no-owner'
                    ? 'no owner'
                    : 'not declared';

      const evidence = [
        ...verifiedBy.map((k) => `compliance.html#control-${k.id}`),
        ...inherited.map((i) => `${i.source.document} (retrieved ${i.source.retrieved})`),
        ...(organisational ? [organisational.evidence] : []),
      ];
      return {
        annexId,
        title,
        theme: themeOf(annexId)!,
        iso2013: predecessors2013,
        applicable: implementation === 'excluded' ? 'no' : implementation === 'no-owner' || implementation === 'not-declared' ? 'not decided' : 'yes',
        justification: excludedBecause ?? justification({ implementation }, declared?.justification, isms?.scope),
        implementation,
        verifiedBy,
        notEvaluated,
        inherited,
        ...(organisational ? { organisational } : {}),
        status,
        evidence,
      };
    });
}

/** Counts per implementation, for summaries and the closing line of every SoA rendering. */
export function soaCounts(rows: readonly SoaRow[]): Record<SoaImplementation, number> {
  const counts = Object.fromEntries(Object.keys(IMPLEMENTATION_LABEL).map((k) => [k, 0])) as Record<SoaImplementation, number>;
  for (const r of rows) counts[r.implementation] += 1;
  return counts;
}

/** The implementation column in words: what proves or carries the control. */
export function describeImplementation(row: SoaRow): string {
  const parts: string[] = [];
  if (row.verifiedBy.length > 0) parts.push(`verified by the kit: ${row.verifiedBy.map((k) => `${k.id} (${k.status})`).join(', ')}`);
  if (row.inherited.length > 0) {
    parts.push(...row.inherited.map((i) => `inherited from ${i.provider} (${i.controlId}; source: ${i.source.document}, retrieved ${i.source.retrieved})`));
  }
  if (row.organisational) parts.push(`organisational: owner ${row.organisational.owner}, ${row.organisational.status}`);
  if (row.notEvaluated.length > 0) parts.push(`kit controls with nothing of their kind audited: ${row.notEvaluated.map((k) => k.id).join(', ')}`);
  if (row.implementation === 'excluded') parts.unshift('excluded');
  if (parts.length === 0) parts.push(IMPLEMENTATION_LABEL[row.implementation].toLowerCase());
  return parts.join('; ');
}

/** A CSV cell: quoted, and a leading formula character neutralised so a spreadsheet shows text, never runs it. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** `soa.csv`: one row per Annex A control, RFC 4180 quoting, CRLF line ends. */
export function renderSoaCsv(model: ReportModel): string {
  const header = ['Annex A (2022)', 'Title', 'Theme', '2013 predecessors', 'Applicable', 'Justification', 'Implementation', 'Status', 'Evidence'];
  const rows = statementOfApplicability(model).map((r) => [
    r.annexId,
    r.title,
    r.theme,
    r.iso2013.join(' '),
    r.applicable,
    r.justification,
    describeImplementation(r),
    r.status,
    r.evidence.join(' | '),
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
