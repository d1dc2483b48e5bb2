import { ANNEX_A_2022 } from '../../../data/iso27001-annex-a';
import type { IsmsCheckResult, IsmsDeclarations, IsmsControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';

/**
 * TOM-ISMS-01. Every ISO/IEC 27001:2022 Annex A control is accounted for in
 * the Statement of Applicability: proved by a kit control, declared by the
 * ISMS with an owner and evidence, or excluded with a justification. One that
 * is none of these has no owner. Without ISMS declarations (a plain audit of
 * some files) nothing is claimed either way: every row is not applicable.
 */
export function annexAOwner(isms: IsmsDeclarations | undefined, covered: ReadonlySet<string>): IsmsCheckResult[] {
  return Object.keys(ANNEX_A_2022).map((annexId) => {
    if (!isms) return { annexId, result: notApplicable('no isms declarations were given (pass --config)') };
    const excluded = isms.exclusions[annexId];
    if (excluded !== undefined) return { annexId, result: pass(`excluded: ${excluded}`, `isms.exclusions.${annexId}`) };
    const declared = isms.controls[annexId];
    if (declared) return { annexId, result: pass(`owner ${declared.owner}; evidence: ${declared.evidence}`, `isms.controls.${annexId}`) };
    if (covered.has(annexId)) return { annexId, result: pass('proved by the kit\'s controls', annexId) };
    return {
      annexId,
      result: fail(
        `${annexId} ${ANNEX_A_2022[annexId].title} has no owner: no kit control proves it, and isms.controls names no owner and evidence for it, nor does isms.exclusions justify leaving it out`,
        `isms.controls.${annexId}`,
      ),
    };
  });
}

export const control: IsmsControl = {
  id: 'TOM-ISMS-01',
  title: 'Every Annex A control is proved, owned or excluded',
  severity: 'high',
  iso27001_2022: ['A.5.36'],
  iso27001_2013: ['A.18.2.2', 'A.18.2.3'],
  gdprArt32: ['d'],
  tomCategory: 'Überprüfungsverfahren',
  measures: ['M19'],
  measure: 'The Statement of Applicability accounts for every Annex A control.',
  equivalents: [],
  rationale:
    'An auditor reads the Statement of Applicability first: every one of the 93 Annex A controls needs a decision (applicable or excluded, with the reason) and, when applicable, an implementation and its evidence. A row that nobody owns is a nonconformity of clause 6.1.3. The severity can be set with isms.soa.noOwnerSeverity.',
  remediation:
    'Name an owner and an evidence reference under isms.controls for the Annex A control, or justify its exclusion under isms.exclusions.',
  area: 'cross',
  scope: 'isms',
  check: annexAOwner,
};
