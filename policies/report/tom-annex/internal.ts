/**
 * The internal appendix (`tom-internal.md`): for every technical measure,
 * whether the customer document claims it and which controls decided that.
 * Claimed measures list the controls that back the sentence; withheld ones the
 * controls that kept it out, with the failing resources and reasons. Never
 * merged into the customer document.
 */
import { annexVersion, MESSAGES } from './document';
import { formatter } from './format';
import { LANGS, type Lang } from './messages/types';
import { mdEscape } from './render';
import type { MeasureVerdict, TomAnnexModel } from './model';

const MAX_FINDINGS_PER_CONTROL = 20;

function controlLines(v: MeasureVerdict): string[] {
  const out: string[] = [];
  for (const c of v.controls) {
    const note = c.note ? ` (${c.note})` : '';
    out.push(`  - \`${c.id}\` ${mdEscape(c.title)}: **${c.status}**${note}, ${c.passed} passing or inherited finding(s), ${c.passedInScope} in the described environment(s)`);
    for (const f of c.blocking.slice(0, MAX_FINDINGS_PER_CONTROL)) {
      const waiver = f.waiver ? ` (waived until ${f.waiver.expires} by ${mdEscape(f.waiver.owner)}: ${mdEscape(f.waiver.reason)})` : '';
      out.push(`    - ${f.status} \`${f.stack}\` \`${f.address}\`: ${mdEscape(f.reason)}${waiver}`);
    }
    if (c.blocking.length > MAX_FINDINGS_PER_CONTROL) out.push(`    - … and ${c.blocking.length - MAX_FINDINGS_PER_CONTROL} more`);
  }
  return out;
}

/** The sentence a withheld measure would have in the customer annex, per language. */
function wouldRead(model: TomAnnexModel, v: MeasureVerdict, langs: readonly Lang[]): string[] {
  return langs.map((lang) => {
    const m = MESSAGES[lang];
    return `  - would read (${lang}): ${mdEscape(m.measures[v.measure.id](model.facts, formatter(lang, m)))}`;
  });
}

export function renderInternalAppendix(model: TomAnnexModel, langs: readonly Lang[] = LANGS): string {
  const withheld = model.verdicts.filter((v) => !v.claimed);
  const claimed = model.verdicts.filter((v) => v.claimed);
  const out = [
    '# TOM annex: internal appendix (do not send to customers)',
    '',
    `Audit of ${model.date}, annex version ${annexVersion(model)}. Inputs: ${model.inputs.map((i) => `\`${i}\``).join(', ') || 'none'}.`,
    '',
    `Described environment(s): ${model.facts.described.join(', ')}. A technical measure is claimed in the customer annex only when every control that evidences it passed (or is inherited from a provider with a verified source) in every audited environment, and at least one passed on a resource of a described environment. Not-applicable controls neither prove nor break a measure.`,
    '',
    `## Withheld from the customer annex (${withheld.length})`,
    '',
  ];
  if (withheld.length === 0) out.push('None: every technical measure is backed by passing controls.', '');
  for (const v of withheld) {
    out.push(`- **${v.measure.id}** (${v.measure.how}) ${mdEscape(v.measure.promise)}`, `  - withheld because: ${mdEscape(v.reason ?? '')}`, ...wouldRead(model, v, langs), ...controlLines(v));
  }
  out.push('', `## Claimed in the customer annex (${claimed.length})`, '');
  for (const v of claimed) {
    const scope = v.measure.how === 'partly' ? ' (technical part only)' : v.inheritedOnly ? ' (performed by the provider)' : '';
    out.push(`- **${v.measure.id}**${scope} ${mdEscape(v.measure.promise)}`, ...controlLines(v));
  }
  out.push('');
  return out.join('\n');
}
