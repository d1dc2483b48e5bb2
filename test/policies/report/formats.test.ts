/**
 * What each report format must say, checked by parsing it back: SARIF against
 * the official 2.1.0 schema, OSCAL against NIST's official 1.1.2 schema, JUnit
 * with an XML parser, JSON / Markdown / HTML for content and escaping.
 */
import { parse as parseXml, validate as validateXml } from 'fast-xml-parser';
import type { Log } from 'sarif';
import {
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderOscal,
  renderOscalPlan,
  renderSarif,
  statementOfApplicability,
} from '../../../policies/report';
import { escapeXml, escapeXmlAttr, mdCell, mdCode } from '../../../policies/report/escape';
import { buildModel } from '../../../policies/report/model';
import { compareAnnexIds, renderSoaCsv } from '../../../policies/report/soa';
import type { IsmsDeclarations } from '../../../policies/types';
import { AUDIT_RESULT, CONTROLS, FINDINGS, WAIVER_PROBLEMS } from '../../fixtures/reports/audit-result';
import { oscalAssessmentResultsValidator, sarifValidator } from '../../support/json-schema';
import { githubSarifProblems } from './github-sarif';

const MARKUP_REASON = FINDINGS.find((f) => f.reason.includes('<script>'))!.reason;
const count = (status: string) => FINDINGS.filter((f) => f.status === status).length;

/** The five entities the writers produce, plus numeric line breaks. */
function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

describe('escaping', () => {
  it('replaces characters XML cannot carry and keeps attribute line breaks', () => {
    expect(escapeXml('a\u0001b<&>"\'')).toBe('a\uFFFDb&lt;&amp;&gt;&quot;&#39;');
    expect(escapeXmlAttr('one\ntwo')).toBe('one&#10;two');
  });

  it('keeps Markdown cells in one cell and code spans closed', () => {
    expect(mdCell('a|b\n*c*')).toBe('a\\|b<br>\\*c\\*');
    expect(mdCode('x`y')).toBe('``x`y``');
    expect(mdCode('`edge')).toBe('`` `edge ``');
  });
});

describe('statement of applicability', () => {
  const rows = statementOfApplicability(buildModel(AUDIT_RESULT));

  it('has a row for each of the 93 Annex A controls, in numeric order', () => {
    expect(rows).toHaveLength(93);
    expect(rows[0].annexId).toBe('A.5.1');
    expect(rows.at(-1)!.annexId).toBe('A.8.34');
    expect(rows.findIndex((r) => r.annexId === 'A.5.9')).toBeLessThan(rows.findIndex((r) => r.annexId === 'A.5.10'));
    expect(compareAnnexIds('A.8.5', 'A.8.24')).toBeLessThan(0);
  });

  it('separates verified kit controls from inherited ones, taking the worst status of those evaluated', () => {
    const a824 = rows.find((r) => r.annexId === 'A.8.24')!;
    expect(a824.verifiedBy.map((c) => `${c.id}:${c.status}`)).toEqual(['TOM-TLS-01:fail']);
    expect(a824.inherited.map((i) => i.controlId)).toEqual(['TOM-ENC-02']);
    expect([a824.implementation, a824.status, a824.applicable]).toEqual(['verified', 'fail', 'yes']);
  });

  it('never reads a kit control with nothing to evaluate as excluded', () => {
    const a815 = rows.find((r) => r.annexId === 'A.8.15')!;
    expect(a815.notEvaluated.map((c) => c.id)).toEqual(['TOM-LOG-01']);
    expect([a815.implementation, a815.status, a815.applicable]).toEqual(['not-evaluated', 'not evaluated', 'yes']);
  });

  it('marks rows no kit control proves as "not declared" when the audit had no ISMS declarations', () => {
    const a57 = rows.find((r) => r.annexId === 'A.5.7')!;
    expect([a57.implementation, a57.status, a57.applicable]).toEqual(['not-declared', 'not declared', 'not decided']);
  });

  it('takes organisational rows, exclusions and their justifications from the ISMS declarations', () => {
    const isms: IsmsDeclarations = {
      organisation: { name: 'Example GmbH', address: 'Weg 1, Berlin', privacyContact: 'privacy@example.eu' },
      scope: 'The example platform.',
      soa: { version: '1.0', approvedBy: 'CEO', approvedOn: '2026-01-01' },
      controls: { 'A.5.7': { owner: 'CISO', evidence: 'ISMS-PRC-021 Threat intelligence', status: 'implemented' } },
      exclusions: { 'A.7.12': 'No own server rooms or cabling; the providers are responsible.' },
    };
    const withIsms = statementOfApplicability(buildModel({ ...AUDIT_RESULT, isms }));
    const by = (id: string) => withIsms.find((r) => r.annexId === id)!;
    expect([by('A.5.7').implementation, by('A.5.7').status, by('A.5.7').evidence]).toEqual(['organisational', 'declared (implemented)', ['ISMS-PRC-021 Threat intelligence']]);
    expect([by('A.7.12').implementation, by('A.7.12').applicable, by('A.7.12').justification]).toEqual(['excluded', 'no', 'No own server rooms or cabling; the providers are responsible.']);
    expect([by('A.5.8').implementation, by('A.5.8').applicable]).toEqual(['no-owner', 'not decided']);
  });

  it('writes soa.csv with every row, quoted, and formula characters neutralised', () => {
    const csv = renderSoaCsv(buildModel(AUDIT_RESULT));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(94);
    expect(lines[0]).toBe('"Annex A (2022)","Title","Theme","2013 predecessors","Applicable","Justification","Implementation","Status","Evidence"');
    const hostile = renderSoaCsv(buildModel({ ...AUDIT_RESULT, isms: { organisation: { name: 'x', address: 'y', privacyContact: 'p@x.eu' }, scope: 's', soa: { version: '1', approvedBy: 'a', approvedOn: '2026-01-01' }, controls: { 'A.5.7': { owner: '=HYPERLINK("http://evil")', evidence: '@SUM(1)', status: 'implemented' } }, exclusions: {} } }));
    expect(hostile).toContain('"\'@SUM(1)"');
    expect(hostile).not.toMatch(/,"=HYPERLINK/);
  });
});

describe('compliance.json', () => {
  const report = JSON.parse(renderJson(AUDIT_RESULT));

  it('carries catalogue fields, status and counts per control, never the check function', () => {
    expect(report.controls.map((c: { id: string }) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    const tls = report.controls.find((c: { id: string }) => c.id === 'TOM-TLS-01');
    expect(tls).toMatchObject({ status: 'fail', severity: 'high', iso27001_2022: ['A.8.24', 'A.5.14'], appliesTo: ['digitalocean_loadbalancer'] });
    expect(tls.findingCounts).toEqual({ fail: 1, unknown: 0, waived: 0, pass: 1, inherited: 0, 'not-applicable': 0 });
    expect(report.controls.some((c: object) => 'check' in c)).toBe(false);
    expect(report.controls.find((c: { id: string }) => c.id === 'TOM-ENC-02').inherited.retrieved).toBe('2026-01-15');
  });

  it('lists failures, unknowns and waivers with their fields and names every other subject per control and status', () => {
    expect(report.detail).toBe('summary');
    const attention = FINDINGS.filter((f) => ['fail', 'unknown', 'waived'].includes(f.status));
    type Group = { controlId: string; status: string; reason: string; path: string | null; count: number; subjects: string[]; waiver?: { owner: string } };
    const groups = report.findings as Group[];
    // Every failing, unknown and waived finding is named once, under its reason.
    const named = groups.flatMap((g) => g.subjects.map((s) => `${g.controlId}|${g.status}|${s}|${g.reason}|${g.path}`)).sort();
    expect(named).toEqual(attention.map((f) => `${f.controlId}|${f.status}|${f.address === f.stack ? f.stack : `${f.stack}/${f.address}`}|${f.reason}|${f.path ?? null}`).sort());
    for (const g of groups) expect(g.subjects).toHaveLength(g.count);
    const aggregated = report.aggregated as { controlId: string; status: string; count: number; subjects: number[] }[];
    expect(aggregated.reduce((n, a) => n + a.count, 0)).toBe(FINDINGS.length - attention.length);
    for (const a of aggregated) expect(a.subjects).toHaveLength(a.count);
    const subjects = report.subjects as string[];
    expect(subjects).toEqual([...new Set(subjects)].sort());
    expect(aggregated.find((a) => a.controlId === 'TOM-RES-01' && a.status === 'pass')!.subjects.map((i) => subjects[i])).toContain('prod-platform/digitalocean_spaces_bucket.backups');
    const waived = groups.find((g) => g.status === 'waived')!;
    expect(Object.keys(waived)).toEqual(['controlId', 'status', 'severity', 'reason', 'path', 'source', 'resourceType', 'waiver', 'count', 'subjects']);
    expect(waived.waiver!.owner).toBe('platform-team@example.org');
    expect(groups.find((g) => g.subjects.includes('prod-edge'))!.path).toBeNull();
    expect(report.waiverProblems).toHaveLength(WAIVER_PROBLEMS.length);
    expect(report.summary.compliant).toBe(false);
  });
});

describe('compliance.md', () => {
  const md = renderMarkdown(AUDIT_RESULT);

  it('has the sections in the order auditors expect', () => {
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      'Summary',
      'Residual risks',
      'Statement of Applicability (ISO/IEC 27001:2022 Annex A)',
      'Failures',
      'Waived findings',
      'Inherited controls',
      'Controls',
      'Out of scope: organisational measures',
    ]);
  });

  it('states the residual risks, the inherited source and the document-only measures', () => {
    expect(md).toContain('EU location is not EU jurisdiction');
    expect(md).toContain('Cloudflare terminates TLS at its edge');
    expect(md).toContain('Droplet local disks are not encrypted at rest');
    expect(md).toContain('| TOM-ENC-02 | Managed database encrypted at rest | DigitalOcean Managed Databases');
    expect(md).toMatch(/^\| M22 \|/m);
  });

  it('neutralises markup and table breaks from audited text', () => {
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    const failureRow = md.split('\n').find((l) => l.includes('&lt;script&gt;'))!;
    expect(failureRow.split(/(?<!\\)\|/)).toHaveLength(6);
  });
});

describe('compliance.html', () => {
  const html = renderHtml(AUDIT_RESULT);

  const island = () => html.match(/<script type="application\/json" id="findings-data">([^]*?)<\/script>/)!;

  it('escapes audited text: the only executable script is the report’s own, the findings travel as inert JSON', () => {
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<script>/g)).toHaveLength(1);
    const json = island()[1];
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.stringify(JSON.parse(json))).toContain('<script>alert(\\"x\\")</script> & more');
  });

  it('is self-contained: no external URL anywhere', () => {
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:|\/\/|file:)/i);
    expect(html).not.toMatch(/url\(|@import|<link\b/i);
  });

  it('marks summary counts, finding rows and the inherited section for readers and tests', () => {
    for (const s of ['fail', 'waived', 'pass', 'inherited', 'not-applicable']) {
      expect(html).toContain(`data-testid="count-${s}">${count(s)}<`);
    }
    const rows = JSON.parse(island()[1]).rows as string[][];
    expect(rows.map((r) => r[0]).sort()).toEqual(FINDINGS.filter((f) => ['fail', 'unknown', 'waived'].includes(f.status)).map((f) => f.status).sort());
    expect(html.match(/data-testid="aggregate-row"/g)?.length).toBeGreaterThan(0);
    expect(html).toContain('<section id="inherited"');
    expect(html).toContain('<section id="residual-risks"');
  });
});

describe('compliance.sarif', () => {
  const text = renderSarif(AUDIT_RESULT);
  const log = JSON.parse(text) as Log;
  const validate = sarifValidator();

  it('is valid against the official SARIF 2.1.0 schema, and GitHub code scanning would accept it', () => {
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(githubSarifProblems(text)).toEqual([]);
  });

  it('would be rejected by the schema when malformed (the validator is live)', () => {
    const broken = JSON.parse(text);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('has one rule per control plus the waiver-problem rule, with ISO tags and security severity', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([...CONTROLS.map((c) => c.id), 'waiver-problem']);
    expect(rules[0]!.properties).toMatchObject({ 'security-severity': '9.5', tags: expect.arrayContaining(['iso27001:2022/A.5.23']) });
    expect(rules[1]!.help?.text).toBe(CONTROLS[1]!.remediation);
  });

  it('reports failures (error for critical/high, warning below), waived findings as suppressed, and waiver problems', () => {
    const results = log.runs[0]!.results!;
    expect(results.map((r) => `${r.ruleId}:${r.level}:${r.suppressions ? 'suppressed' : 'open'}`)).toEqual([
      'TOM-TLS-01:error:open',
      'TOM-NET-01:error:suppressed',
      'TOM-NET-01:error:open', // the unknown finding: never dropped, never suppressed
      'TOM-UPT-01:warning:open',
      'waiver-problem:error:open',
    ]);
    const waived = results[1]!;
    expect(waived.suppressions![0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(waived.suppressions![0]!.justification).toContain('platform-team@example.org');
    // The subject is named in the message (what code scanning shows), the file in the location.
    expect(results[0]!.locations![0]).toEqual({ physicalLocation: { artifactLocation: { uri: 'cdktf.out/stacks/prod-platform/cdk.tf.json' } } });
    expect(results[0]!.message.text).toContain('(prod-platform/digitalocean_loadbalancer.public, attribute redirect_http_to_https)');
    expect(results.map((r) => r.properties?.status ?? 'fail')).toEqual(['fail', 'waived', 'unknown', 'fail', 'fail']);
  });
});

describe('junit.xml', () => {
  const xml = renderJunit(AUDIT_RESULT);
  type Case = { classname: string; name: string; failure?: { message: string }; skipped?: { message: string }; properties?: { property: { name: string; value: string }[] }; 'system-out'?: string };
  type Suite = { name: string; tests: string; failures: string; skipped: string; testcase?: Case[] };
  const doc = parseXml(xml, {
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    arrayMode: (tag: string) => tag === 'testsuite' || tag === 'testcase' || tag === 'property',
  }) as { testsuites: { tests: string; failures: string; skipped: string; testsuite: Suite[] } };
  const suites = doc.testsuites.testsuite;
  const cases = suites.flatMap((s) => s.testcase ?? []);
  const caseOf = (id: string) => cases.find((c) => c.name.startsWith(`${id} `))!;

  it('is well-formed XML (and the check catches broken XML)', () => {
    expect(validateXml(xml)).toBe(true);
    expect(validateXml('<a><b></a>')).not.toBe(true);
  });

  it('has one testcase per control, grouped by provider area, plus one per waiver problem', () => {
    expect(suites.map((s) => s.name)).toEqual(['cross', 'digitalocean', 'cloudflare', 'waivers']);
    expect(cases.map((c) => c.name.split(' ')[0])).toEqual([...['TOM-RES-01', 'TOM-TLS-01', 'TOM-NET-01', 'TOM-UPT-01', 'TOM-ENC-02', 'TOM-LOG-01'], 'TOM-RES-01']);
    expect(caseOf('TOM-TLS-01').classname).toBe('digitalocean');
  });

  it('fails only the controls that block the gate, and counts them like the gate', () => {
    expect(cases.filter((c) => c.failure).map((c) => c.name.split(' ')[0])).toEqual(['TOM-TLS-01', 'TOM-NET-01', 'TOM-RES-01']);
    expect(doc.testsuites).toMatchObject({ tests: String(CONTROLS.length + WAIVER_PROBLEMS.length), failures: '3', skipped: '2' });
  });

  it('passes a medium failure below fail-on high, with a warning property and the resource in system-out', () => {
    const upt = caseOf('TOM-UPT-01');
    expect(upt.failure).toBeUndefined();
    expect(upt.properties!.property.find((p) => p.name === 'warning')!.value).toMatch(/do not block: below the gate/);
    expect(decodeXml(upt['system-out']!)).toContain('prod-edge: hostname app.example.eu has no uptime check');
  });

  it('skips inherited and not-applicable controls with the reason', () => {
    expect(caseOf('TOM-ENC-02').skipped!.message).toBe('inherited: encrypted at rest by DigitalOcean (LUKS)');
    expect(caseOf('TOM-LOG-01').skipped!.message).toBe('not-applicable: the stack has no Cloudflare zone');
  });

  it('names the blocking resources in the failure and keeps reasons intact through XML escaping', () => {
    const failed = caseOf('TOM-TLS-01');
    expect(decodeXml(failed.failure!.message)).toContain(`prod-platform/digitalocean_loadbalancer.public: ${MARKUP_REASON}`);
    const net = caseOf('TOM-NET-01');
    expect(decodeXml(net.failure!.message)).toContain('staging-platform/digitalocean_firewall.admin: unknown:');
    expect(decodeXml(net['system-out']!)).toContain('Waived by platform-team@example.org until 2026-12-31');
  });
});

describe('oscal-assessment-results.json', () => {
  const doc = JSON.parse(renderOscal(AUDIT_RESULT));
  const ar = doc['assessment-results'];
  const result = ar.results[0];
  const validate = oscalAssessmentResultsValidator();
  type Finding = { uuid: string; target: { 'target-id': string; status: { state: string; reason: string } }; 'related-risks'?: { 'risk-uuid': string }[] };

  it('validates against the official NIST OSCAL 1.1.2 assessment-results JSON schema', () => {
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(ar.metadata['oscal-version']).toBe('1.1.2');
  });

  it('also validates with an organisation from the ISMS declarations and with no findings at all', () => {
    const isms: IsmsDeclarations = {
      organisation: { name: 'Example GmbH', address: 'Weg 1, 10115 Berlin', privacyContact: 'privacy@example.eu' },
      scope: 'The example platform.',
      soa: { version: '1.0', approvedBy: 'CEO', approvedOn: '2026-01-01' },
      controls: {},
      exclusions: {},
    };
    for (const variant of [{ ...AUDIT_RESULT, isms }, { ...AUDIT_RESULT, findings: [], waiverProblems: [], controlStatus: {} }]) {
      const d = JSON.parse(renderOscal(variant));
      expect(validate(d) ? [] : validate.errors).toEqual([]);
    }
  });

  it('uses unique UUIDs and resolves every internal reference, import-ap to the plan written beside it', () => {
    const defined = [ar.uuid, result.uuid, ...result.observations.map((o: { uuid: string }) => o.uuid), ...result.findings.map((f: Finding) => f.uuid), ...result.risks.map((r: { uuid: string }) => r.uuid)];
    expect(new Set(defined).size).toBe(defined.length);
    const observations = new Set(result.observations.map((o: { uuid: string }) => o.uuid));
    const risks = new Set(result.risks.map((r: { uuid: string }) => r.uuid));
    const items = new Set(result['local-definitions']['inventory-items'].map((i: { uuid: string }) => i.uuid));
    const parties = new Set(ar.metadata.parties.map((p: { uuid: string }) => p.uuid));
    const tools = new Set(result['local-definitions'].components.map((c: { uuid: string }) => c.uuid));
    for (const f of result.findings) for (const r of f['related-observations'] ?? []) expect(observations.has(r['observation-uuid'])).toBe(true);
    for (const f of result.findings) for (const r of f['related-risks'] ?? []) expect(risks.has(r['risk-uuid'])).toBe(true);
    for (const o of result.observations) for (const s of o.subjects ?? []) expect(items.has(s['subject-uuid'])).toBe(true);
    for (const o of [...result.observations, ...result.findings, ...result.risks]) {
      for (const origin of o.origins ?? []) for (const a of origin.actors) expect(a.type === 'party' ? parties.has(a['actor-uuid']) : tools.has(a['actor-uuid'])).toBe(true);
    }
    expect(ar['import-ap'].href).toBe('oscal-assessment-plan.json');
    const plan = JSON.parse(renderOscalPlan(AUDIT_RESULT))['assessment-plan'];
    expect(plan['reviewed-controls']).toEqual(result['reviewed-controls']);
  });

  it('claims satisfied only for controls evaluated and passed; never for not-applicable or inherited ones', () => {
    expect(result['reviewed-controls']['control-selections'][0]['include-controls'][0]).toEqual({ 'control-id': 'a.5.14' });
    const byId = new Map<string, Finding>(result.findings.map((f: Finding) => [f.target['target-id'], f]));
    expect(byId.get('TOM-RES-01')!.target.status).toMatchObject({ state: 'satisfied', reason: 'pass' });
    expect(byId.get('TOM-TLS-01')!.target.status).toMatchObject({ state: 'not-satisfied', reason: 'fail' });
    expect(byId.get('TOM-NET-01')!.target.status).toMatchObject({ state: 'not-satisfied', reason: 'other' });
    expect(byId.has('TOM-LOG-01')).toBe(false); // not applicable: listed, never claimed
    expect(result.props).toContainEqual(expect.objectContaining({ name: 'not-applicable-control', value: 'TOM-LOG-01' }));
    expect(byId.has('TOM-ENC-02')).toBe(false); // inherited: an observation naming the provider
    const inherited = result.observations.find((o: { props: { name: string; value: string }[] }) => o.props.some((p) => p.name === 'status' && p.value === 'inherited'));
    const provider = ar.metadata.parties.find((p: { uuid: string }) => p.uuid === inherited.origins[0].actors[0]['actor-uuid']);
    expect(provider.name).toBe('DigitalOcean, LLC');
    expect(ar.metadata['responsible-parties']).toContainEqual({ 'role-id': 'provider', 'party-uuids': [provider.uuid] });
    const satisfied = result.findings.filter((f: Finding) => f.target.status.state === 'satisfied').map((f: Finding) => f.target['target-id']);
    expect(satisfied).toEqual(Object.entries(AUDIT_RESULT.controlStatus).filter(([, s]) => s === 'pass').map(([id]) => id));
  });

  it('turns failures, unknowns and waived failures into risks linked from their findings, plus the residual risks', () => {
    const risk = (uuid: string) => result.risks.find((r: { uuid: string }) => r.uuid === uuid);
    const tls = result.findings.find((f: Finding) => f.target['target-id'] === 'TOM-TLS-01') as Finding;
    expect(tls['related-risks']!.map((r) => risk(r['risk-uuid']).status)).toEqual(['open']);
    const net = result.findings.find((f: Finding) => f.target['target-id'] === 'TOM-NET-01') as Finding;
    expect(net['related-risks']!.map((r) => risk(r['risk-uuid']).status).sort()).toEqual(['deviation-approved', 'open']);
    expect(result.risks.filter((r: { title: string }) => r.title === 'EU location is not EU jurisdiction')).toHaveLength(1);
  });
});
