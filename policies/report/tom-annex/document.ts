/**
 * The customer document in one language, as plain data: Markdown and HTML
 * render this same structure, so they can never say different things. It is
 * built only from claimed measures and declared organisational measures;
 * control ids, statuses and failure reasons never enter it (they belong to
 * the internal appendix).
 */
import { createHash } from 'node:crypto';
import { formatter } from './format';
import { de } from './messages/de';
import { en } from './messages/en';
import type { Lang, Messages } from './messages/types';
import { ANNEX_SECTIONS, claimedIn, declaredIn, summarisedIn, type TomAnnexModel } from './model';

export const MESSAGES: Readonly<Record<Lang, Messages>> = { de, en };

/** Companies behind the providers the inventory names (the contract partner a customer looks up). */
export const SUB_PROCESSOR_COMPANIES: Readonly<Record<string, string>> = {
  digitalocean: 'DigitalOcean, LLC',
  cloudflare: 'Cloudflare, Inc.',
  aws: 'Amazon Web Services EMEA SARL',
};

export interface DocumentItem {
  readonly text: string;
  /** Provider sources for measures (partly) performed by a sub-processor. */
  readonly sources: readonly string[];
  /** "Performed by the service provider" or "Partly performed …", when there are sources. */
  readonly sourceLabel?: string;
}

export interface DocumentSection {
  readonly key: string;
  readonly title: string;
  readonly intro: string;
  readonly technical: readonly DocumentItem[];
  readonly declared: readonly string[];
}

export interface AnnexDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly meta: readonly (readonly [string, string])[];
  readonly intro: readonly string[];
  readonly technicalHeading: string;
  readonly declaredHeading: string;
  readonly noMeasures: string;
  readonly sections: readonly DocumentSection[];
  readonly subProcessors: { readonly heading: string; readonly intro: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly risks: { readonly heading: string; readonly intro: string; readonly items: readonly { readonly title: string; readonly detail: string }[] };
  /** Footer line: version and date. */
  readonly footer: string;
  readonly pageLabel: string;
  readonly version: string;
}

/**
 * A short fingerprint of what the annex claims (measures, facts, declared
 * measures, organisation; not the date): it changes exactly when the content does.
 */
export function annexVersion(model: TomAnnexModel): string {
  const content = {
    claimed: model.verdicts.filter((v) => v.claimed).map((v) => v.measure.id),
    facts: model.facts,
    organisational: model.organisational,
    organisation: model.organisation,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 8);
}

function risksFor(model: TomAnnexModel): string[] {
  const { providers, hosts } = model.facts;
  return [
    ...(providers.length > 0 ? ['jurisdiction'] : []),
    ...(providers.includes('cloudflare') ? ['edgeTls'] : []),
    ...(hosts ? ['hostDisks'] : []),
  ];
}

export function annexDocument(model: TomAnnexModel, lang: Lang): AnnexDocument {
  const m = MESSAGES[lang];
  const x = formatter(lang, m);
  const f = model.facts;
  const org = model.organisation?.name;
  const date = x.date(model.date);
  const version = annexVersion(model);
  const sections: DocumentSection[] = ANNEX_SECTIONS.map((key) => ({
    key,
    title: m.sections[key].title,
    intro: m.sections[key].intro,
    technical: [
      ...claimedIn(model, key).map((v) => ({
        text: m.measures[v.measure.id](f, x),
        sources: v.sources.map((s) => m.source(s.document, x.date(s.retrieved))),
        sourceLabel: v.sources.length === 0 ? undefined : v.inheritedOnly ? m.providedBy : m.providedPartly,
      })),
      ...summarisedIn(model, key).map((v) => ({ text: m.summaries[v.measure.id](f, x), sources: [] })),
    ],
    declared: declaredIn(model, key).map((o) => o.text[lang]),
  }));
  return {
    lang,
    title: m.title,
    meta: [
      ...(model.organisation
        ? [
            [m.processor, `${model.organisation.name}, ${model.organisation.address}`] as const,
            [m.privacyContact, model.organisation.privacyContact] as const,
          ]
        : []),
      [m.asOf, date],
      [m.version, version],
    ],
    intro: m.intro(f, x, model.date, org),
    technicalHeading: m.technical(date),
    declaredHeading: m.declared(org),
    noMeasures: m.noMeasures,
    sections,
    subProcessors: {
      heading: m.subProcessors.heading,
      intro: m.subProcessors.intro,
      columns: m.subProcessors.columns,
      rows: f.providers.map((p) => {
        const t = m.subProcessors.providers[p];
        return [SUB_PROCESSOR_COMPANIES[p], t.purpose, t.location(f, x), t.transfer];
      }),
    },
    risks: { heading: m.risks.heading, intro: m.risks.intro, items: risksFor(model).map((k) => m.risks.items[k]) },
    footer: `${m.version} ${version} · ${m.asOf} ${date}`,
    pageLabel: m.page,
    version,
  };
}
