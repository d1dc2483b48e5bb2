/**
 * The shape every language file of the TOM annex fills. Every sentence is a
 * function of the facts, so numbers, regions and schedules come from the
 * config and the inventory and are formatted for the language.
 */
import type { AnnexFacts } from '../facts';
import type { AnnexSection } from '../model';

export const LANGS = ['de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Locale-aware formatting, built once per language (see `format.ts`). */
export interface Formatter {
  readonly lang: Lang;
  /** `2026-11-30` → "30. November 2026" / "30 November 2026". */
  date(iso: string): string;
  number(n: number): string;
  /** A count in running text: words up to twelve ("zwei Netze"), digits above. */
  count(n: number): string;
  /** "A, B und C" / "A, B and C". */
  list(items: readonly string[]): string;
  /** `fra1` → "Frankfurt am Main (fra1)". */
  region(slug: string): string;
  /** A five-field cron expression in words, e.g. "täglich um 02:00 Uhr (UTC)". */
  schedule(cron: string): string;
}

export type Sentence = (facts: AnnexFacts, fmt: Formatter) => string;

/** Sub-processor wording that depends on the language. */
export interface SubProcessorText {
  readonly purpose: string;
  readonly location: Sentence;
  readonly transfer: string;
}

export interface Messages {
  readonly locale: string;
  readonly title: string;
  readonly processor: string;
  readonly privacyContact: string;
  readonly asOf: string;
  readonly version: string;
  readonly page: string;
  readonly intro: (facts: AnnexFacts, fmt: Formatter, date: string, organisation: string | undefined) => readonly string[];
  readonly sections: Readonly<Record<AnnexSection, { readonly title: string; readonly intro: string }>>;
  readonly technical: (date: string) => string;
  readonly declared: (organisation: string | undefined) => string;
  readonly noMeasures: string;
  readonly providedBy: string;
  readonly providedPartly: string;
  readonly source: (document: string, retrieved: string) => string;
  /** One sentence per technical, inherited or partly technical measure (M1–M21). */
  readonly measures: Readonly<Record<string, Sentence>>;
  /** The shorter sentence for a measure's second section (see `SECOND_SECTION`). */
  readonly summaries: Readonly<Record<string, Sentence>>;
  readonly stages: Readonly<Record<string, string>>;
  readonly weekdays: Readonly<Record<string, string>>;
  readonly places: Readonly<Record<string, string>>;
  /** Number words zero to twelve, for counts in running text. */
  readonly numberWords: readonly string[];
  readonly subProcessors: {
    readonly heading: string;
    readonly intro: string;
    readonly columns: readonly [string, string, string, string];
    readonly providers: Readonly<Record<string, SubProcessorText>>;
  };
  readonly risks: {
    readonly heading: string;
    readonly intro: string;
    readonly items: Readonly<Record<string, { readonly title: string; readonly detail: string }>>;
  };
}
