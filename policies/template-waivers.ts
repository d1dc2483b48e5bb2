/**
 * Suppressions written into the audited template itself (`Metadata.cdk_nag.
 * rules_to_suppress`, `Metadata.checkov.skip`) as waivers. The rule:
 * - a suppression waives a failing finding of a control whose `equivalents`
 *   name the suppressed rule (cdk-nag ids match without their `[…]` detail),
 *   on that resource only, never an `unknown` one;
 * - only with a reason that is a real sentence (the same bar as
 *   `waivers.yaml`); without one the finding stays failed and its reason says
 *   the suppression was not honoured;
 * - the waiver is shown in every report: owner `template metadata (FILE)`,
 *   expiry the audit day (it is re-read from the template on every run, so
 *   it lives exactly as long as the template keeps it), reason with the tool
 *   and rule. Unlike `waivers.yaml`, one that matches nothing is no problem:
 *   templates suppress rules of tools the audit does not map.
 */
import type { Control, Finding, InventoryIndex, Waiver } from './types';

const realSentence = (s: string): boolean => s.trim().length >= 20 && s.trim().split(/\s+/).length > 3;

export function applyTemplateSuppressions(findings: readonly Finding[], controls: readonly Control[], index: InventoryIndex, now: Date): Finding[] {
  const equivalents = new Map(controls.map((c) => [c.id, new Set(c.equivalents)]));
  const day = now.toISOString().slice(0, 10);
  return findings.map((f) => {
    if (f.status !== 'fail') return f;
    const resource = index.byAddress(f.address, f.stack);
    const peers = equivalents.get(f.controlId);
    const matching = (resource?.suppressions ?? []).filter((s) => peers?.has(s.rule.replace(/\[.*$/, '')));
    if (!resource || matching.length === 0) return f;
    const usable = matching.find((s) => realSentence(s.reason));
    if (!usable) {
      const rules = matching.map((s) => `${s.tool} ${s.rule}`).join(', ');
      return { ...f, reason: `${f.reason}; the template suppresses ${rules} without a reason that is a sentence, so it is not honoured` };
    }
    const waiver: Waiver = {
      control: f.controlId,
      resource: `${f.stack}:${f.address}`,
      reason: `${usable.reason} (${usable.tool} ${usable.rule} suppressed in the template)`,
      owner: `template metadata (${resource.source})`,
      expires: day,
    };
    return { ...f, status: 'waived' as const, waiver };
  });
}
