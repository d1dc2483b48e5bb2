/**
 * oscal-assessment-results.json: the audit as an OSCAL 1.1.2
 * assessment-results document, for GRC tools that import OSCAL, and the
 * assessment plan it imports (oscal-assessment-plan.json, written beside it).
 *
 * Mapping, so that nothing is claimed that was not tested:
 * - reviewed-controls: the ISO/IEC 27001:2022 Annex A ids the controls map
 *   to, lower-cased as OSCAL control ids (`A.8.24` → `a.8.24`);
 * - metadata: the assessed organisation (from the config's isms section) as
 *   assessor, and each provider whose controls are inherited as a party in
 *   the `provider` role; the kit itself is a software component and the
 *   origin of every finding, observation and risk;
 * - one observation per control and status (method TEST) with the source
 *   files as evidence. Failing, unknown and waived subjects are listed once
 *   each (inventory items, referenced by uuid) with their reason: the reason
 *   most of them share once on the observation, any other on the subject.
 *   Passing and not-applicable subjects are counted (`subject-count`), and
 *   listed only with `--detail full`; compliance.json names them. So the
 *   document grows with failures, not with the inventory. Inherited
 *   controls are observations (method EXAMINE) whose origin is the provider,
 *   never findings;
 * - one finding per control that was evaluated on a subject (pass, fail,
 *   unknown, waived): `satisfied` only for pass. Controls with nothing to
 *   evaluate are listed in a result prop, never as satisfied;
 * - risks: each control's failures, unknowns and waived failures (waived:
 *   `deviation-approved`), linked from its finding, and the residual risks
 *   every report states.
 * UUIDs are name-based on content (`stableUuid`), so the same audit gives
 * the same document.
 */
import type { AuditResult, Control, FindingStatus, Finding, WaiverProblem } from '../types';
import { MEASURE_BY_ID } from '../../data/measures';
import { RESIDUAL_RISKS } from './content';
import { buildModel, describeWaiver, needsAttention, statusOf, subjectName, traceOf, type ReportDetail, type ReportModel } from './model';
import { compareAnnexIds } from './soa';
import { sourceUri } from './sarif';
import { jsonIndentedTo } from './json-text';
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

/**
 * Subject ids are asked for once per finding: hashing each subject once keeps
 * 100,000 findings fast. Keyed by stack, then address (strings from the
 * input, whose hash the engine computes once) rather than a joined string.
 */
const SUBJECT_UUIDS = new Map<string, Map<string, string>>();
function subjectUuid(f: Pick<Finding, 'stack' | 'address'>): string {
  let byAddress = SUBJECT_UUIDS.get(f.stack);
  if (!byAddress) {
    if (SUBJECT_UUIDS.size > 10_000) SUBJECT_UUIDS.clear();
    SUBJECT_UUIDS.set(f.stack, (byAddress = new Map()));
  }
  let uuid = byAddress.get(f.address);
  if (uuid === undefined) {
    if (byAddress.size > 200_000) byAddress.clear();
    uuid = stableUuid('subject', f.stack, f.address);
    byAddress.set(f.address, uuid);
  }
  return uuid;
}
const observationUuid = (f: Pick<Finding, 'controlId' | 'status'>) => stableUuid('observation', f.controlId, f.status);
const waiverObservationUuid = (p: WaiverProblem) => stableUuid('waiver-problem', p.waiver.control, p.waiver.resource, p.problem);
const findingUuid = (c: Control) => stableUuid('finding', c.id);

/** Statuses that were evaluated on subjects: only these become OSCAL findings. */
const EVALUATED: ReadonlySet<FindingStatus> = new Set(['pass', 'fail', 'unknown', 'waived']);

/**
 * OSCAL finding status for an evaluated control. `satisfied` only for a
 * control that was evaluated and passed; waived and unknown are not satisfied.
 */
function findingStatus(c: Control, status: FindingStatus): { state: string; reason: string; remarks: string } {
  switch (status) {
    case 'pass':
      return { state: 'satisfied', reason: 'pass', remarks: 'Evaluated on the audited subjects; every one passed the automated check.' };
    case 'fail':
      return { state: 'not-satisfied', reason: 'fail', remarks: `At least one subject failed. Remediation: ${c.remediation}` };
    case 'unknown':
      return {
        state: 'not-satisfied',
        reason: 'other',
        remarks: 'Unknown: the deciding value of at least one subject is only known at apply time; not claimed satisfied.',
      };
    default:
      return { state: 'not-satisfied', reason: 'other', remarks: 'Failures exist but are waived: an accepted risk with owner and expiry, not a pass.' };
  }
}

/** The subjects the observations list, each once, as inventory items (asset-id is `stack/address`). */
function inventoryItems(listed: readonly Finding[]) {
  const seen = new Map<string, Finding>();
  for (const f of listed) {
    const uuid = subjectUuid(f);
    if (!seen.has(uuid)) seen.set(uuid, f);
  }
  return [...seen].map(([uuid, f]) => ({
    uuid,
    description: text(f.resourceType ? `${f.resourceType} in stack ${f.stack}` : `Stack ${f.stack}`),
    props: [{ name: 'asset-id', value: text(subjectName(f)) }],
  }));
}

/** What a failing, unknown or waived subject's remarks say. */
const remarkOf = (f: Finding) => text(`${f.waiver ? `${f.reason} ${describeWaiver(f.waiver)}` : f.reason}${f.path ? ` (attribute ${f.path})` : ''}`);

/** The remark most subjects of a group share (the first of the most frequent): stated once on the observation. */
function commonRemark(remarks: readonly string[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const remark of remarks) {
    const n = (counts.get(remark) ?? 0) + 1;
    counts.set(remark, n);
    if (n > bestCount) {
      best = remark;
      bestCount = n;
    }
  }
  return best;
}

/**
 * One control's subjects with one status, in report order (the findings of
 * one control and status). Failing, unknown and waived subjects are listed
 * with their reason: the reason most of them share is stated once in the
 * observation's remarks, and only a subject with another reason carries
 * remarks of its own, so thousands of failures do not repeat one sentence.
 * Other statuses list their subjects only with `detail` full (summary: the count).
 */
function observation(group: readonly Finding[], collected: string, listSubjects: boolean) {
  const first = group[0];
  const sources = [...new Set(group.map((f) => f.source))];
  const withReason = first.status === 'fail' || first.status === 'unknown' || first.status === 'waived';
  const remarks = withReason ? group.map(remarkOf) : undefined;
  const common = remarks ? commonRemark(remarks) : undefined;
  return {
    uuid: observationUuid(first),
    title: text(`${first.controlId}: ${first.status} on ${group.length} subject(s)`),
    description: text(`${first.controlId}: ${first.status} on ${group.length === 1 ? subjectName(first) : `${group.length} subjects`}.`),
    props: [prop('control-id', first.controlId), prop('status', first.status), prop('severity', first.severity), prop('subject-count', String(group.length))],
    methods: ['TEST'],
    types: ['finding'],
    ...(listSubjects
      ? {
          subjects: group.map((f, i) => {
            const remark = remarks?.[i];
            return { 'subject-uuid': subjectUuid(f), type: 'inventory-item', ...(remark !== undefined && remark !== common ? { remarks: remark } : {}) };
          }),
        }
      : {}),
    'relevant-evidence': sources.map((source) => ({ href: sourceUri(source), description: text(source) })),
    collected,
    ...(common !== undefined
      ? { remarks: text(`Reason, for every subject without remarks of its own: ${common}`) }
      : listSubjects
        ? {}
        : { remarks: 'Subjects counted, not listed (--detail summary); compliance.json names each of them.' }),
  };
}

/** Findings per control and status, in report order; inherited ones are the provider's observation instead. */
function observationGroups(model: ReportModel): Finding[][] {
  const groups: Finding[][] = [];
  // Per control (findingsByControl keeps report order), then per status in the order statuses first appear.
  for (const findings of model.findingsByControl.values()) {
    const byStatus = new Map<string, Finding[]>();
    for (const f of findings) {
      if (f.status === 'inherited') continue;
      const group = byStatus.get(f.status);
      if (group) group.push(f);
      else byStatus.set(f.status, [f]);
    }
    groups.push(...byStatus.values());
  }
  return groups;
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

function finding(model: ReportModel, c: Control, risks: ReadonlyMap<string, readonly string[]>, origin: Origin) {
  const status = model.result.controlStatus[c.id] ?? 'not-applicable';
  const related = [
    ...[...new Set((model.findingsByControl.get(c.id) ?? []).map((f) => f.status))]
      .filter((status) => status !== 'inherited')
      .map((status) => observationUuid({ controlId: c.id, status })),
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
      ...c.measures.map((m) => prop('measure', `${m}: ${MEASURE_BY_ID.get(m)?.promise ?? m}`)),
      ...(traceOf(c.id).check ? [prop('check-source', traceOf(c.id).check!)] : []),
      ...(traceOf(c.id).fixture ? [prop('fixture', traceOf(c.id).fixture!)] : []),
    ],
    origins: [origin],
    target: {
      type: 'objective-id',
      'target-id': c.id,
      title: text(c.title),
      status: findingStatus(c, status),
    },
    ...nonEmpty('related-observations', related.map((uuid) => ({ 'observation-uuid': uuid }))),
    ...nonEmpty('related-risks', (risks.get(c.id) ?? []).map((uuid) => ({ 'risk-uuid': uuid }))),
  };
}

/** Controls performed by a provider: an observation naming the provider as the responsible party, never a finding. */
function inheritedObservation(c: Control & { scope: 'inherited' }, collected: string) {
  return {
    uuid: stableUuid('inherited', c.id),
    title: text(`${c.id} ${c.title} (inherited)`),
    description: text(`${c.inherited.statement} Performed by ${providerName(c.area)}; not verified by this audit.`),
    props: [prop('control-id', c.id), prop('status', 'inherited'), ...c.iso27001_2022.map((id) => prop('iso27001-2022', id))],
    methods: ['EXAMINE'],
    types: ['control-objective'],
    origins: [{ actors: [{ type: 'party', 'actor-uuid': providerPartyUuid(c.area), 'role-id': 'provider' }] }],
    'relevant-evidence': [{ description: text(`${c.inherited.document} (retrieved ${c.inherited.retrieved})`) }],
    collected,
  };
}

interface Risk {
  readonly uuid: string;
  readonly controlId?: string;
  readonly doc: Record<string, unknown>;
}

/** At most ten subject names; the observation the risk links to lists them all. */
function namedFew(findings: readonly Finding[]): string {
  const names = findings.slice(0, 10).map(subjectName).join(', ');
  return findings.length > 10 ? `${names} and ${findings.length - 10} more (all in the related observation)` : names;
}

/** Failures, unknowns and waived failures per control, plus the residual risks every report states. */
function risksOf(model: ReportModel, origin: Origin): Risk[] {
  const out: Risk[] = [];
  for (const c of model.controls) {
    const findings = model.findingsByControl.get(c.id) ?? [];
    for (const status of ['fail', 'unknown', 'waived'] as const) {
      const affected = findings.filter((f) => f.status === status);
      if (affected.length === 0) continue;
      const uuid = stableUuid('risk', c.id, status);
      const what = status === 'fail' ? 'fails' : status === 'unknown' ? 'cannot be decided before apply' : 'fails under a waiver';
      out.push({
        uuid,
        controlId: c.id,
        doc: {
          uuid,
          title: text(`${c.id} ${what} on ${affected.length} subject(s)`),
          description: text(`${c.title}. Affected: ${namedFew(affected)}.`),
          statement: text(status === 'waived' ? `Accepted: ${[...new Set(affected.map((f) => (f.waiver ? describeWaiver(f.waiver) : f.reason)))].join('; ')}` : c.rationale),
          props: [prop('control-id', c.id), prop('status', status), prop('severity', c.severity)],
          status: status === 'waived' ? 'deviation-approved' : 'open',
          origins: [origin],
          'related-observations': [{ 'observation-uuid': observationUuid(affected[0]) }],
        },
      });
    }
  }
  for (const r of RESIDUAL_RISKS) {
    const uuid = stableUuid('residual-risk', r.title);
    out.push({ uuid, doc: { uuid, title: text(r.title), description: text(r.detail), statement: text(`Residual risk, stated in every report: ${r.detail}`), status: 'open' } });
  }
  return out;
}

/** The kit as the OSCAL actor that produced findings, observations and risks (a software component of the result). */
const toolUuid = (result: AuditResult) => stableUuid('tool', result.tool.name, result.tool.version);
type Origin = { actors: { type: string; 'actor-uuid': string }[] };
const toolOrigin = (result: AuditResult): Origin => ({ actors: [{ type: 'tool', 'actor-uuid': toolUuid(result) }] });

const PROVIDERS: Readonly<Record<string, string>> = { digitalocean: 'DigitalOcean, LLC', cloudflare: 'Cloudflare, Inc.', aws: 'Amazon Web Services EMEA SARL', kubernetes: 'DigitalOcean, LLC', backup: 'Amazon Web Services EMEA SARL', cross: 'the cloud providers' };
const providerName = (provider: string) => PROVIDERS[provider] ?? provider;
const providerPartyUuid = (provider: string) => stableUuid('party', providerName(provider));

/** File name of the assessment plan written beside the results; `import-ap` points at it. */
export const OSCAL_PLAN_FILE = 'oscal-assessment-plan.json';

function parties(result: AuditResult, providers: readonly string[]) {
  const org = result.isms?.organisation;
  return [
    {
      uuid: stableUuid('party', 'assessed', org?.name ?? 'unnamed'),
      type: 'organization',
      name: text(org?.name ?? 'The organisation running the audit (not declared: pass --config)'),
      ...(org ? { 'email-addresses': [org.privacyContact], addresses: [{ 'addr-lines': [org.address] }] } : {}),
    },
    ...providers.map((p) => ({ uuid: providerPartyUuid(p), type: 'organization', name: text(providerName(p)) })),
  ];
}

function metadata(result: AuditResult, title: string, providers: readonly string[]) {
  const org = result.isms?.organisation;
  return {
    title: text(title),
    'last-modified': result.generatedAt,
    version: text(result.tool.version),
    'oscal-version': OSCAL_VERSION,
    roles: [
      { id: 'assessor', title: 'Assessor: runs the automated audit and is accountable for its results' },
      { id: 'provider', title: 'Provider: performs inherited controls for its facilities' },
    ],
    parties: parties(result, providers),
    'responsible-parties': [
      { 'role-id': 'assessor', 'party-uuids': [stableUuid('party', 'assessed', org?.name ?? 'unnamed')] },
      ...(providers.length > 0 ? [{ 'role-id': 'provider', 'party-uuids': providers.map(providerPartyUuid) }] : []),
    ],
    props: [prop('compliant', String(result.summary.compliant)), prop('fail-on', result.summary.failOn), prop('unknown-mode', result.summary.unknownMode)],
  };
}

function reviewedControls(model: ReportModel) {
  const annexIds = [...new Set(model.controls.flatMap((c) => c.iso27001_2022))].sort(compareAnnexIds);
  return {
    description: 'ISO/IEC 27001:2022 Annex A controls the kit evidences, derived from the control catalogue.',
    'control-selections': [
      annexIds.length > 0
        ? { 'include-controls': annexIds.map((id) => ({ 'control-id': id.toLowerCase() })) }
        : { description: 'No catalogue control maps to Annex A.' },
    ],
  };
}

const providersOf = (model: ReportModel) =>
  [...new Set(model.controls.filter((c) => c.scope === 'inherited' && statusOf(model.result, c.id) === 'inherited').map((c) => c.area))].sort();

export function renderOscal(result: AuditResult, detail: ReportDetail = 'summary'): string {
  const model = buildModel(result);
  const when = result.generatedAt;
  const origin = toolOrigin(result);
  const providers = providersOf(model);
  const risks = risksOf(model, origin);
  const risksByControl = new Map<string, string[]>();
  for (const r of risks) if (r.controlId) risksByControl.set(r.controlId, [...(risksByControl.get(r.controlId) ?? []), r.uuid]);
  const inheritedControls = model.controls.filter(
    (c): c is Control & { scope: 'inherited' } => c.scope === 'inherited' && statusOf(result, c.id) === 'inherited',
  );
  const groups = observationGroups(model);
  const listed = (group: readonly Finding[]) => detail === 'full' || needsAttention(group[0]);
  const observations = [
    ...groups.map((group) => observation(group, when, listed(group))),
    ...inheritedControls.map((c) => inheritedObservation(c, when)),
    ...model.waiverProblems.map((p) => waiverObservation(p, when)),
  ];
  const items = inventoryItems(groups.filter(listed).flat());
  const evaluated = model.controls.filter((c) => EVALUATED.has(statusOf(result, c.id)));
  const notApplicable = model.controls.filter((c) => statusOf(result, c.id) === 'not-applicable').map((c) => c.id);
  const document = {
    'assessment-results': {
      uuid: stableUuid('assessment-results', result.tool.name, when, ...result.inputs),
      metadata: metadata(result, `${result.tool.name} compliance assessment results`, providers),
      'import-ap': {
        href: OSCAL_PLAN_FILE,
        remarks: 'The assessment plan the kit writes beside these results: the control catalogue as assessment objectives.',
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
          props: [
            prop('blocking', String(result.summary.blocking)),
            ...notApplicable.map((id) => prop('not-applicable-control', id)),
          ],
          'local-definitions': {
            components: [
              {
                uuid: toolUuid(result),
                type: 'software',
                title: text(`${result.tool.name} ${result.tool.version}`),
                description: 'The automated audit: pure checks over the synthesized configuration.',
                status: { state: 'operational' },
              },
            ],
            ...(items.length > 0 ? { 'inventory-items': items } : {}),
          },
          'reviewed-controls': reviewedControls(model),
          ...nonEmpty('observations', observations),
          ...nonEmpty('risks', risks.map((r) => r.doc)),
          ...nonEmpty('findings', evaluated.map((c) => finding(model, c, risksByControl, origin))),
          remarks:
            'Findings exist only for controls evaluated on audited subjects. Controls with nothing of their kind to evaluate are listed as not-applicable-control props and never claimed satisfied; inherited controls are observations naming the provider.',
        },
      ],
    },
  };
  // One observation, risk or inventory item per line group; their lists (subjects, props) on one line each.
  return `${jsonIndentedTo(document, 6)}\n`;
}

/**
 * oscal-assessment-plan.json: what `import-ap` points at. The plan is the
 * catalogue: every control as an assessment objective over the Annex A ids it
 * maps to. The kit has no system security plan, so `import-ssp` names a
 * back-matter resource that says so.
 */
export function renderOscalPlan(result: AuditResult): string {
  const model = buildModel(result);
  const sspUuid = stableUuid('no-ssp', result.tool.name);
  const plan = {
    'assessment-plan': {
      uuid: stableUuid('assessment-plan', result.tool.name, result.tool.version, result.generatedAt),
      metadata: metadata(result, `${result.tool.name} assessment plan`, providersOf(model)),
      'import-ssp': { href: `#${sspUuid}` },
      'local-definitions': {
        'objectives-and-methods': model.controls.map((c) => ({
          'control-id': c.iso27001_2022[0]?.toLowerCase() ?? 'a.5.36',
          description: text(`${c.id} ${c.title}: ${c.measure}`),
          parts: [{ name: 'objective', title: text(c.id), prose: text(c.rationale) }],
        })),
      },
      'reviewed-controls': reviewedControls(model),
      'back-matter': {
        resources: [{ uuid: sspUuid, title: 'No system security plan', description: 'The kit audits infrastructure code; the system is described by the audited configuration, not by an OSCAL SSP.' }],
      },
    },
  };
  return `${JSON.stringify(plan, null, 2)}\n`;
}
