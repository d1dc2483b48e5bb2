/**
 * Which measures the TOM annex may claim, decided from the audit alone.
 *
 * A technical measure is claimed when every control that names it (in the
 * audited catalogue) passed or is inherited from a provider with a verified
 * source, and at least one of them was evaluated on a real resource.
 * Not-applicable controls neither prove nor break a measure. Anything else
 * (a failure, an unknown, a waiver, an unverified provider source, no control
 * at all) withholds the measure from the customer document; the internal
 * appendix lists it with the controls that kept it out.
 *
 * Organisational measures come from the config (`isms.organisationalMeasures`)
 * and are printed as declared, never as verified.
 */
import type { KitConfig } from '../../../config/schema';
import type { OrganisationalMeasure } from '../../../config/isms';
import { MEASURES, TOM_CATEGORIES, type Measure, type TomCategory } from '../../../data/measures';
import type { AuditResult, Control, FindingStatus, Finding, InheritedSource, Inventory } from '../../types';
import { annexFacts, inScopeOf, type AnnexFacts } from './facts';

/** Sections of the annex, in print order: the eight objectives, encryption (Art. 32(1)(a)), the review procedure (Art. 32(1)(d)). */
export type AnnexSection = Exclude<TomCategory, 'Überprüfungsverfahren'> | 'Verschlüsselung' | 'Überprüfungsverfahren';
export const ANNEX_SECTIONS: readonly AnnexSection[] = [
  ...(TOM_CATEGORIES.filter((c) => c !== 'Überprüfungsverfahren') as AnnexSection[]),
  'Verschlüsselung',
  'Überprüfungsverfahren',
];

/** Measures without a TOM category of their own, placed where a customer looks for them. */
const SECTION_OF_UNCATEGORISED: Readonly<Record<string, AnnexSection>> = { M21: 'Zugangskontrolle' };

/**
 * A second section a measure is summarised in (with its own, shorter sentence):
 * encryption measures under Art. 32(1)(a), tested measures under Art. 32(1)(d).
 */
export const SECOND_SECTION: Readonly<Record<string, AnnexSection>> = {
  M2: 'Verschlüsselung',
  M3: 'Verschlüsselung',
  M9: 'Verschlüsselung',
  M10: 'Überprüfungsverfahren',
  M19: 'Überprüfungsverfahren',
};

export interface ControlEvidence {
  readonly id: string;
  readonly title: string;
  readonly status: FindingStatus;
  /** Findings that kept the measure out (fail, unknown, waived), with address and reason. */
  readonly blocking: readonly Finding[];
  /** Why an inherited control does not count (its source is unverified). */
  readonly note?: string;
  readonly passed: number;
  /** Passing or inherited findings in the described environments' stacks. */
  readonly passedInScope: number;
}

export interface ProviderSource extends InheritedSource {
  readonly controlId: string;
}

export interface MeasureVerdict {
  readonly measure: Measure;
  readonly claimed: boolean;
  /** Every counted control is inherited: worded as performed by the provider. */
  readonly inheritedOnly: boolean;
  readonly sources: readonly ProviderSource[];
  readonly controls: readonly ControlEvidence[];
  /** For withheld measures: why, in one line. */
  readonly reason?: string;
}

export interface TomAnnexModel {
  /** The audit's clock (ISO date), never the renderer's. */
  readonly date: string;
  readonly organisation?: { readonly name: string; readonly address: string; readonly privacyContact: string };
  readonly facts: AnnexFacts;
  readonly verdicts: readonly MeasureVerdict[];
  readonly organisational: readonly OrganisationalMeasure[];
  /** Inputs of the audit, for the internal appendix. */
  readonly inputs: readonly string[];
}

const COUNTS = new Set<FindingStatus>(['pass', 'inherited']);

const unverified = (c: Control): boolean => c.scope === 'inherited' && /^UNVERIFIED\b/i.test(c.inherited.statement);

function verdictOf(
  measure: Measure,
  controls: readonly Control[],
  result: AuditResult,
  findingsByControl: Map<string, Finding[]>,
  inScope: (stack: string) => boolean,
  described: readonly string[],
): MeasureVerdict {
  const evidence: ControlEvidence[] = controls.map((c) => {
    const findings = findingsByControl.get(c.id) ?? [];
    const status = result.controlStatus[c.id] ?? 'unknown';
    const passing = findings.filter((f) => COUNTS.has(f.status));
    return {
      id: c.id,
      title: c.title,
      status,
      blocking: findings.filter((f) => !COUNTS.has(f.status) && f.status !== 'not-applicable'),
      note: unverified(c) && status === 'inherited' ? 'provider source unverified' : undefined,
      passed: passing.length,
      passedInScope: passing.filter((f) => inScope(f.stack)).length,
    };
  });
  // A failure anywhere (staging too) withholds the measure; a pass counts only where the annex speaks.
  const evaluated = evidence.filter((e) => e.status !== 'not-applicable');
  const bad = evaluated.filter((e) => !COUNTS.has(e.status) || e.note);
  const proving = evaluated.filter((e) => COUNTS.has(e.status) && !e.note && e.passedInScope > 0);
  const provingIds = new Set(proving.map((e) => e.id));
  const sources = controls
    .filter((c): c is Extract<Control, { scope: 'inherited' }> => c.scope === 'inherited' && provingIds.has(c.id))
    .map((c) => ({ controlId: c.id, ...c.inherited }));
  let reason: string | undefined;
  if (controls.length === 0) reason = 'no audited control evidences this measure';
  else if (evaluated.length === 0) reason = 'every control evidencing it was not applicable: nothing was evaluated';
  else if (bad.length > 0) reason = `${bad.map((e) => `${e.id} ${e.note ?? e.status}`).join(', ')}`;
  else if (proving.length === 0) reason = `no control passed on a resource of the described environment(s) ${described.join(', ')}`;
  return {
    measure,
    claimed: reason === undefined,
    inheritedOnly: proving.length > 0 && proving.every((e) => e.status === 'inherited'),
    sources,
    controls: evidence,
    reason,
  };
}

export interface TomAnnexInput {
  readonly config: KitConfig;
  readonly result: AuditResult;
  readonly inventory: Inventory;
}

export function buildTomAnnex({ config, result, inventory }: TomAnnexInput): TomAnnexModel {
  const findingsByControl = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = findingsByControl.get(f.controlId) ?? [];
    list.push(f);
    findingsByControl.set(f.controlId, list);
  }
  const facts = annexFacts(config, inventory);
  const inScope = inScopeOf(facts.described);
  const verdicts = MEASURES.filter((m) => m.how !== 'organisational').map((m) =>
    verdictOf(
      m,
      result.controls.filter((c) => c.measures.includes(m.id)),
      result,
      findingsByControl,
      inScope,
      facts.described,
    ),
  );
  return {
    date: result.generatedAt.slice(0, 10),
    organisation: config.isms?.organisation,
    facts,
    verdicts,
    organisational: config.isms?.organisationalMeasures ?? [],
    inputs: result.inputs,
  };
}

/** The section a measure is printed in: its first TOM category. */
export function sectionOf(measure: Measure): AnnexSection | undefined {
  return measure.tomCategories[0] ?? SECTION_OF_UNCATEGORISED[measure.id];
}

/** Claimed measures of one section, in measure order. */
export function claimedIn(model: TomAnnexModel, section: AnnexSection): MeasureVerdict[] {
  return model.verdicts.filter((v) => v.claimed && sectionOf(v.measure) === section);
}

/** Claimed measures summarised again in a section (their second section). */
export function summarisedIn(model: TomAnnexModel, section: AnnexSection): MeasureVerdict[] {
  return model.verdicts.filter((v) => v.claimed && SECOND_SECTION[v.measure.id] === section);
}

export function declaredIn(model: TomAnnexModel, section: AnnexSection): OrganisationalMeasure[] {
  return model.organisational.filter((m) => m.category === section);
}
