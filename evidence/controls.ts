/**
 * Which control each compared item evidences. Items map to the TOM-EDGE
 * controls of the catalogue by meaning, so the live evidence and the audit of
 * the synthesized stack report under the same ids and catalogue fields. An
 * item no catalogue control covers gets an EVIDENCE-* control defined here.
 */
import { CLOUDFLARE_CONTROLS } from '../policies/checks/cloudflare';
import type { Control, LiveEvidenceControl } from '../policies/types';

/** Live state is read by `npm run evidence`, never by the audit of synthesized files: these controls have no check. */
export const EVIDENCE_CONTROLS: readonly LiveEvidenceControl[] = [
  {
    id: 'EVIDENCE-EDGE-01',
    title: 'Custom WAF rules are live as declared',
    severity: 'medium',
    iso27001_2022: ['A.8.20', 'A.8.9'],
    iso27001_2013: ['A.13.1.1'],
    gdprArt32: ['b', 'd'],
    tomCategory: 'Zugangskontrolle',
    measures: ['M4', 'M19'],
    measure: "The zone's custom WAF rules (blocked countries and paths) are exactly the ones the stack declares.",
    equivalents: [],
    rationale: 'A rule deleted or loosened in the dashboard reopens what the stack blocks; a rule added by hand is a change nobody reviewed.',
    remediation: 'Run `cdktf deploy` for the edge stack to restore the declared rules, or move the hand-made change into the config and review it.',
    area: 'cloudflare',
    scope: 'live',
  },
  {
    id: 'EVIDENCE-EDGE-02',
    title: 'Other declared edge configuration is live as declared',
    severity: 'medium',
    iso27001_2022: ['A.8.9'],
    iso27001_2013: [],
    gdprArt32: ['d'],
    tomCategory: 'Eingabekontrolle',
    measures: ['M19'],
    measure: 'Every other zone setting or ruleset phase the stack declares has the declared value in Cloudflare.',
    equivalents: [],
    rationale: 'A setting changed outside the code means the reviewed configuration is no longer the one in effect.',
    remediation: 'Run `cdktf deploy` for the edge stack, or move the change into the code and review it.',
    area: 'cloudflare',
    scope: 'live',
  },
];

/** Zone setting id → control. */
const SETTING_CONTROL: Readonly<Record<string, string>> = {
  ssl: 'TOM-EDGE-01',
  min_tls_version: 'TOM-EDGE-02',
  tls_1_3: 'TOM-EDGE-03',
  always_use_https: 'TOM-EDGE-04',
  automatic_https_rewrites: 'TOM-EDGE-05',
  security_header: 'TOM-EDGE-06',
};

/** Ruleset phase → control. */
const PHASE_CONTROL: Readonly<Record<string, string>> = {
  http_request_firewall_managed: 'TOM-EDGE-08',
  http_ratelimit: 'TOM-EDGE-09',
  http_request_firewall_custom: 'EVIDENCE-EDGE-01',
};

const OTHER = 'EVIDENCE-EDGE-02';

export const ITEM_CONTROL = {
  setting: (settingId: string): string => SETTING_CONTROL[settingId] ?? OTHER,
  phase: (phase: string): string => PHASE_CONTROL[phase] ?? OTHER,
  dnssec: 'TOM-EDGE-07',
  record: 'TOM-EDGE-10',
  regionalHostname: 'TOM-EDGE-11',
  originPulls: 'TOM-EDGE-12',
} as const;

const used = new Set([...Object.values(SETTING_CONTROL), ...Object.values(PHASE_CONTROL), 'TOM-EDGE-07', 'TOM-EDGE-10', 'TOM-EDGE-11', 'TOM-EDGE-12', OTHER]);

/** The controls live evidence reports on, in catalogue order, then the EVIDENCE-* ones. */
export const EVIDENCE_REPORT_CONTROLS: readonly Control[] = [...CLOUDFLARE_CONTROLS, ...EVIDENCE_CONTROLS].filter((c) => used.has(c.id));

const byId = new Map(EVIDENCE_REPORT_CONTROLS.map((c) => [c.id, c] as const));

/** The control of an id this module handed out (throws for any other: a bug). */
export function controlById(id: string): Control {
  const control = byId.get(id);
  if (!control) throw new Error(`evidence: no control ${id} (a bug in evidence/controls.ts)`);
  return control;
}
