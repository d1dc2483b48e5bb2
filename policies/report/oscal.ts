/**
 * oscal-assessment-results.json: the audit as an OSCAL 1.1.2
 * assessment-results document, for GRC tools that import OSCAL.
 *
 * Mapping:
 * - reviewed-controls: the ISO/IEC 27001:2022 Annex A ids the controls map
 *   to, lower-cased as OSCAL control ids (`A.8.24` → `a.8.24`);
 * - one inventory item per audited subject (stack × address);
 * - one observation per finding (control × subject), method TEST (OSCAL's
 *   value for automated checking), with the source file as evidence;
 * - one finding per control whose target is the control as assessment
 *   objective, `satisfied` or `not-satisfied`. OSCAL has no state for
 *   "waived" or "inherited": the kit's status is kept in a `status` prop and
 *   the status remarks say what it means, so nothing is passed off as enforced;
 * - waiver problems as observations linked to their control's finding.
 * UUIDs are name-based on content (`stableUuid`), so the same audit gives
 * the same document.
 */
import type { AuditResult, Control, ControlStatus, Finding, WaiverProblem } from '../types';
import { buildModel, describeWaiver, subjectName, type ReportModel } from './model';
import { compareAnnexIds } from './soa';
import { sourceUri } from './sarif';
import { stableUuid } from './uuid';

export const OSCAL_VERSION = '1.1.2';
/** Namespace of the kit's own props (OSCAL requires one for names outside its core set). */
export const PROP_NS = 'urn:eu-tom-kit:oscal';

interface Prop {
  name: string;
  value: string;
  ns?: string;
}

/** OSCAL strings may not start or end with whitespace, nor be empty. */
function text(value: string, fallback = '–'): string {
  const trimmed = value.trim();
  return trimmed === '' ? fallback : trimmed;
}

const prop = (name: string, value: string): Prop => ({ name, ns: PROP_NS, value: text(value) });

/** Arrays in OSCAL JSON need at least one item: leave the key out instead. */
function nonEmpty<K extends string, T>(key: K, items: readonly T[]): Partial<Record<K, T[]>> {
  return items.length > 0 ? ({ [key]: [...items] } as Partial<Record<K, T[]>>) : {};
}

const subjectUuid = (f: Pick<Finding, 'stack' | 'address'>) => stableUuid('subject', f.stack, f.address);
const observationUuid = (f: Finding) => stableUuid('observation', f.controlId, f.stack, f.address);
const waiverObservationUuid = (p: WaiverProblem) => stableUuid('waiver-problem', p.waiver.control, p.waiver.resource, p.problem);
const findingUuid = (c: Control) => stableUuid('finding', c.id);

/** OSCAL finding status for a control, with remarks saying what the kit's status means. */
function findingStatus(c: Control, status: ControlStatus): { state: string; reason: string; remarks: string } {
  switch (status) {
    case 'pass':
      return { state: 'satisfied', reason: 'pass', remarks: 'Every subject passed the automated check.' };
    case 'fail':
      return { state: 'not-satisfied', reason: 'fail', remarks: `At least one subject failed. Remediation: ${c.remediation}` };
    case 'unknown':
      return {
        state: 'not-satisfied',
        reason: 'other',
        remarks: 'Unknown: the deciding value of at least one subject is only known at apply time; not claimed satisfied.',
      };
    case 'waived':
      return { state: 'not-satisfied', reason: 'other', remarks: 'Failures exist but are waived: an accepted risk with owner and expiry, not a pass.' };
    case 'inherited':
      return {
        state: 'satisfied',
        reason: 'other',
        remarks:
          c.scope === 'inherited'
            ? `Inherited: performed by the provider, not verified by this audit. Source: ${c.inherited.document} (retrieved ${c.inherited.retrieved}).`
            : 'Inherited: performed by the provider, not verified by this audit.',
      };
    case 'not-applicable':
      return { state: 'satisfied', reason: 'other', remarks: 'Not applicable: no audited subject is of a type this control covers.' };
  }
}

function inventoryItems(model: ReportModel) {
  const seen = new Map<string, Finding>();
  for (const f of model.findings) if (!seen.has(subjectUuid(f))) seen.set(subjectUuid(f), f);
  return [...seen.values()].map((f) => ({
    uuid: subjectUuid(f),
    description: text(f.resourceType ? `Resource ${f.address} (${f.resourceType}) in stack ${f.stack}` : `Stack ${f.stack}`),
    props: [
      { name: 'asset-id', value: text(subjectName(f)) },
      prop('stack', f.stack),
      ...(f.resourceType ? [prop('resource-type', f.resourceType)] : []),
    ],
  }));
}

function observation(f: Finding, collected: string) {
  const remarks = f.waiver ? `${f.reason} ${describeWaiver(f.waiver)}` : f.reason;
  return {
    uuid: observationUuid(f),
    title: text(`${f.controlId} on ${subjectName(f)}`),
    description: text(`${f.controlId}: ${f.status} on ${subjectName(f)}.`),
    props: [prop('control-id', f.controlId), prop('status', f.status), prop('severity', f.severity)],
    methods: ['TEST'],
    types: ['finding'],
    subjects: [{ 'subject-uuid': subjectUuid(f), type: 'inventory-item', title: text(subjectName(f)) }],
    'relevant-evidence': [
      {
        href: sourceUri(f.source),
        description: text(f.path ? `${f.source}, attribute ${f.path}` : f.source),
      },
    ],
    collected,
    remarks: text(remarks),
  };
}

function waiverObservation(p: WaiverProblem, collected: string) {
  return {
    uuid: waiverObservationUuid(p),
    title: text(`Waiver problem: ${p.waiver.control} ${p.waiver.resource}`),
    description: text(p.message),
    props: [prop('control-id', p.waiver.control), prop('status', 'fail'), prop('waiver-problem', p.problem)],
    methods: ['TEST'],
    types: ['finding'],
    collected,
    remarks: text(`Owner ${p.waiver.owner}, expires ${p.waiver.expires}: ${p.waiver.reason}`),
  };
}

function finding(model: ReportModel, c: Control) {
  const status = model.result.controlStatus[c.id] ?? 'not-applicable';
  const related = [
    ...(model.findingsByControl.get(c.id) ?? []).map(observationUuid),
    ...model.waiverProblems.filter((p) => p.waiver.control === c.id).map(waiverObservationUuid),
  ];
  return {
    uuid: findingUuid(c),
    title: text(`${c.id} ${c.title}`),
    description: text(c.measure),
    props: [
      prop('status', status),
      prop('severity', c.severity),
      prop('tom-category', c.tomCategory),
      ...c.iso27001_2022.map((id) => prop('iso27001-2022', id)),
      ...c.iso27001_2013.map((id) => prop('iso27001-2013', id)),
      ...c.gdprArt32.map((l) => prop('gdpr-art32-1', l)),
    ],
    target: {
      type: 'objective-id',
      'target-id': c.id,
      title: text(c.title),
      status: findingStatus(c, status),
    },
    ...nonEmpty('related-observations', related.map((uuid) => ({ 'observation-uuid': uuid }))),
  };
}

export function renderOscal(result: AuditResult): string {
  const model = buildModel(result);
  const when = result.generatedAt;
  const annexIds = [...new Set(model.controls.flatMap((c) => c.iso27001_2022))].sort(compareAnnexIds);
  const catalogueUuid = stableUuid('catalogue', result.tool.name, result.tool.version);
  const observations = [
    ...model.findings.map((f) => observation(f, when)),
    ...model.waiverProblems.map((p) => waiverObservation(p, when)),
  ];
  const items = inventoryItems(model);
  const document = {
    'assessment-results': {
      uuid: stableUuid('assessment-results', result.tool.name, when, ...result.inputs),
      metadata: {
        title: text(`${result.tool.name} compliance assessment results`),
        'last-modified': when,
        version: text(result.tool.version),
        'oscal-version': OSCAL_VERSION,
        props: [prop('compliant', String(result.summary.compliant)), prop('fail-on', result.summary.failOn)],
      },
      'import-ap': {
        href: `#${catalogueUuid}`,
        remarks:
          'Placeholder: the kit has no separate OSCAL assessment plan. The plan is its control catalogue, described in back-matter.',
      },
      results: [
        {
          uuid: stableUuid('result', result.tool.name, when, ...result.inputs),
          title: 'Automated infrastructure-as-code audit',
          description: text(
            `Controls evaluated against the synthesized configuration of ${result.stacks.length} stacks ` +
              `(${result.summary.resources} resources). Inputs: ${result.inputs.join(', ') || 'none'}.`,
          ),
          start: when,
          end: when,
          props: [prop('blocking', String(result.summary.blocking))],
          ...(items.length > 0 ? { 'local-definitions': { 'inventory-items': items } } : {}),
          'reviewed-controls': {
            description: 'ISO/IEC 27001:2022 Annex A controls the kit evidences, derived from the control catalogue.',
            'control-selections': [
              annexIds.length > 0
                ? { 'include-controls': annexIds.map((id) => ({ 'control-id': id.toLowerCase() })) }
                : { description: 'No catalogue control maps to Annex A.' },
            ],
          },
          ...nonEmpty('observations', observations),
          ...nonEmpty('findings', model.controls.map((c) => finding(model, c))),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: catalogueUuid,
            title: text(`${result.tool.name} ${result.tool.version} control catalogue`),
            description:
              'The catalogue of controls (id, severity, ISO/IEC 27001:2022 and 2013 ids, GDPR Art. 32(1) letters, TOM category) that served as assessment plan.',
          },
        ],
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
