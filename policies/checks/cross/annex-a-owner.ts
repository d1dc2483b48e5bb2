import { ANNEX_A_2022 } from '../../../data/iso27001-annex-a';
import type { IsmsCheckResult, IsmsDeclarations } from '../../types';
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
