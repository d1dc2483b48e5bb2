/**
 * The organisational half of the evidence: what the ISMS declares rather than
 * what the infrastructure proves. The Statement of Applicability takes its
 * organisational rows, exclusions and approval from here; the TOM annex takes
 * the organisational measures (training, background checks, NDAs, visitor
 * rules, policies) from here and marks them as declared, never as verified.
 *
 * Every Annex A control is covered by exactly one of: a kit control (verified
 * or inherited, derived from the catalogue), an entry in `controls`
 * (organisational, with an owner and an evidence reference), or an entry in
 * `exclusions` (with a justification). A control with none of them is
 * reported as "no owner".
 */
import { z } from 'zod';
import { ANNEX_A_2022 } from '../data/iso27001-annex-a';
import { TOM_CATEGORIES } from '../data/measures';

/** A sentence, not a placeholder: "n/a", "tbd" or a single word is refused. */
const sentence = z
  .string()
  .trim()
  .min(15, 'must be a sentence of at least 15 characters that an auditor can check')
  .refine((s) => !/^(n\/?a|tbd|todo|none|-+)$/i.test(s), 'must say something an auditor can check, not a placeholder');

/** One line of plain text: no control characters (they would reach terminals and documents). */
const line = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters')
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s), 'must be one line of text without control characters');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real calendar date');

/** `A.5.1` … `A.8.34`: the ids of ISO/IEC 27001:2022 Annex A. */
const annexId = z.string().refine((id) => id in ANNEX_A_2022, {
  message: 'must be an ISO/IEC 27001:2022 Annex A control id, A.5.1 to A.8.34',
});

export const ORGANISATIONAL_STATUSES = ['implemented', 'partially-implemented', 'planned'] as const;

const organisationalControl = z.strictObject({
  /** Role or person accountable, e.g. "CISO" or "Head of People". */
  owner: line,
  /** Where the evidence is: document id and title, ticket, system of record. */
  evidence: line,
  /** @default implemented */
  status: z.enum(ORGANISATIONAL_STATUSES).default('implemented'),
  /** Why the control is applicable, when it is not obvious from the scope. */
  justification: sentence.optional(),
});

const text = z.strictObject({ de: sentence, en: sentence });

const organisationalMeasure = z.strictObject({
  /** Stable id for diffs, e.g. `ORG-TRAINING`. */
  id: z.string().regex(/^ORG-[A-Z0-9-]{2,30}$/, 'must look like ORG-TRAINING (ORG- then capitals, digits, hyphens)'),
  category: z.enum(TOM_CATEGORIES),
  /** The sentence as the customer reads it, in both languages. */
  text,
  /** Annex A controls it implements (the SoA lists the measure beside them). */
  annex: z.array(annexId).min(1, 'must name at least one Annex A control'),
});

export const ismsSchema = z
  .strictObject({
    organisation: z.strictObject({
      name: line,
      /** Postal address as printed in the TOM annex. */
      address: line,
      /** Contact for data protection questions (DPO). */
      privacyContact: z.email('must be an e-mail address'),
    }),
    /** The ISMS scope statement, as certified. */
    scope: sentence,
    soa: z.strictObject({
      version: z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as 1.4'),
      approvedBy: line,
      approvedOn: isoDate,
    }),
    /** Organisational implementation per Annex A control. */
    controls: z.record(z.string(), organisationalControl).default({}),
    /** Annex A controls excluded from the scope, with the justification the SoA prints. */
    exclusions: z.record(z.string(), sentence).default({}),
    /** Organisational measures for the TOM annex, declared by the organisation. */
    organisationalMeasures: z.array(organisationalMeasure).default([]),
  })
  .superRefine((isms, ctx) => {
    // Keys checked here rather than by a key schema, so the message names the key and what is allowed.
    for (const section of ['controls', 'exclusions'] as const) {
      for (const id of Object.keys(isms[section])) {
        if (!(id in ANNEX_A_2022)) {
          ctx.addIssue({ code: 'custom', path: [section, id], input: id, message: 'is not an ISO/IEC 27001:2022 Annex A control id (A.5.1 to A.8.34)' });
        }
      }
    }
    for (const id of Object.keys(isms.exclusions)) {
      if (id in isms.controls) {
        ctx.addIssue({ code: 'custom', path: ['exclusions', id], input: id, message: 'is also listed under isms.controls: a control is either implemented or excluded' });
      }
    }
    const ids = new Set<string>();
    isms.organisationalMeasures.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['organisationalMeasures', i, 'id'], input: m.id, message: 'must be unique' });
      ids.add(m.id);
    });
  });

export type IsmsConfig = z.output<typeof ismsSchema>;
export type OrganisationalMeasure = IsmsConfig['organisationalMeasures'][number];
