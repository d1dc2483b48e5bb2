/**
 * The TOM annex of the example config: goldens in both languages, only
 * verified measures claimed, a broken control drops its sentence into the
 * internal appendix, nothing internal leaks into the customer files.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annexDocument, MESSAGES } from '../../../policies/report/tom-annex/document';
import { annexFacts } from '../../../policies/report/tom-annex/facts';
import { formatter } from '../../../policies/report/tom-annex/format';
import { renderInternalAppendix } from '../../../policies/report/tom-annex/internal';
import { LANGS } from '../../../policies/report/tom-annex/messages/types';
import type { TomAnnexModel } from '../../../policies/report/tom-annex/model';
import { writeAnnexAfterGate } from '../../../policies/report/tom-annex/annex';
import { renderAnnexHtml, renderAnnexMarkdown } from '../../../policies/report/tom-annex/render';
import { writeTomAnnex } from '../../../policies/report/tom-annex/write';
import { auditPaths } from '../../../policies/gate';
import { AUDIT_CLOCK, exampleConfig, expectGolden, modelFor, synthesizedExample, synthesizedPaths } from './support';

jest.setTimeout(240_000);

const config = exampleConfig();
const work = mkdtempSync(join(tmpdir(), 'tom-annex-test-'));
let example: string;
let paths: string[];
let model: TomAnnexModel;

beforeAll(async () => {
  example = await synthesizedExample();
  paths = synthesizedPaths(example);
  model = modelFor(config, paths);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const md = (m: TomAnnexModel, lang: 'de' | 'en') => renderAnnexMarkdown(annexDocument(m, lang));
const sentence = (m: TomAnnexModel, id: string, lang: 'de' | 'en') => MESSAGES[lang].measures[id](m.facts, formatter(lang, MESSAGES[lang]));

// Built on first use and only read by the tests that share them: the gate's audit of the example, and the model with TLS 1.0 allowed.
let gateAudit: ReturnType<typeof auditPaths> | undefined;
const exampleAudit = () => (gateAudit ??= auditPaths({ paths, now: AUDIT_CLOCK }));
let tls10: TomAnnexModel | undefined;
const withTls10 = () => (tls10 ??= modelFor(config, withMinTls('1.0')));

/** A copy of the synthesized output with the edge-prod zone's minimum TLS version set to `version`. */
function withMinTls(version: string): string[] {
  const dir = join(work, `tls-${version}`);
  // Only what the audit reads: the shared folder holds the reports and PDFs of its run too.
  for (const out of ['cdktf.out', 'cdk.out']) cpSync(join(example, out), join(dir, out), { recursive: true });
  const file = join(dir, 'cdktf.out', 'stacks', 'edge-prod', 'cdk.tf.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const settings = doc.resource.cloudflare_zone_setting as Record<string, { setting_id: string; value: unknown }>;
  const minTls = Object.values(settings).find((s) => s.setting_id === 'min_tls_version')!;
  minTls.value = version;
  writeFileSync(file, JSON.stringify(doc));
  return [join(dir, 'cdktf.out'), join(dir, 'cdk.out')];
}

describe('TOM annex of the example config', () => {
  it.each(LANGS)('matches the golden Markdown and HTML (%s)', (lang) => {
    const doc = annexDocument(model, lang);
    expectGolden(`tom-annex.${lang}.md`, renderAnnexMarkdown(doc));
    expectGolden(`tom-annex.${lang}.html`, renderAnnexHtml(doc));
  });

  it('is deterministic: the same audit gives the same bytes, and a second audit too', () => {
    expect(md(modelFor(config, paths), 'de')).toBe(md(model, 'de'));
  });

  it('has the eight control objectives, encryption and the Art. 32(1)(d) review, in German and English', () => {
    const de = md(model, 'de');
    for (const h of ['Zutrittskontrolle', 'Zugangskontrolle', 'Zugriffskontrolle', 'Weitergabekontrolle', 'Eingabekontrolle', 'Auftragskontrolle', 'Verfügbarkeitskontrolle', 'Trennungskontrolle', 'Pseudonymisierung und Verschlüsselung', 'Verfahren zur regelmäßigen Überprüfung, Bewertung und Evaluierung (Art. 32 Abs. 1 lit. d DSGVO)', 'Unterauftragsverarbeiter', 'Verbleibende Risiken']) {
      expect(de).toContain(`. ${h}`);
    }
    expect(de).toContain('Stand:** 30. November 2026');
    const en = md(model, 'en');
    expect(en).toContain('As of:** 30 November 2026');
    expect(en).toContain('## 12. Residual risks');
  });

  it('fills facts from the config and the inventory', () => {
    const de = md(model, 'de');
    expect(de).toContain('in Frankfurt am Main (fra1) mit einer Lesereplik in Amsterdam (ams3)');
    expect(de).toContain('die Datensicherungen in Frankfurt am Main (eu-central-1)');
    expect(de).toContain('älteren TLS-Version als 1.2');
    expect(de).toContain('täglich um 02:00 Uhr (UTC) gesichert');
    expect(de).toContain('14 Tage aufbewahrt');
    expect(de).toContain('wöchentlich sonntags um 04:00 Uhr (UTC)');
    expect(de).toContain('per E-Mail, Webhook und Slack (#ops-alerts)');
    // Another config, other facts: nothing is a constant of the template.
    const changed = structuredClone(config);
    const prod = changed.environments.find((e) => e.name === 'prod')!;
    prod.backup.retentionDays = 30;
    prod.backup.schedule = '30 1 * * *';
    prod.alerting.slack = undefined;
    const other = md({ ...model, facts: annexFacts(changed, { resources: [], stacks: [] }) }, 'de');
    expect(other).toContain('täglich um 01:30 Uhr (UTC) gesichert');
    expect(other).toContain('30 Tage aufbewahrt');
    expect(other).not.toContain('Slack');
  });

  it('claims every technical measure whose controls passed, withholds M3 (Spaces encryption has no verified provider source)', () => {
    const withheld = model.verdicts.filter((v) => !v.claimed).map((v) => v.measure.id);
    expect(withheld).toEqual(['M3']);
    expect(md(model, 'de')).not.toContain(sentence(model, 'M3', 'de'));
    const internal = renderInternalAppendix(model);
    expect(internal).toMatch(/\*\*M3\*\* .*\n {2}- withheld because: TOM-ENC-04 provider source unverified/);
  });

  it('words inherited measures as performed by the named provider, with source and date', () => {
    const de = md(model, 'de');
    expect(de).toMatch(/- Die Rechenzentren werden von den Hosting-Dienstleistern betrieben\..*\n {2}- Erbracht vom Dienstleister\. Quelle: DigitalOcean, Infrastructure Security, .*abgerufen am 23\. November 2026/);
    expect(md(model, 'en')).toContain('Performed by the service provider. Source: AWS, Data Center Controls');
  });

  it('marks organisational measures from the config as declared, not verified', () => {
    const de = md(model, 'de');
    expect(de).toContain('**Organisatorische Maßnahmen (von der ACME App GmbH erklärt, nicht technisch geprüft)**\n\n- Besucher werden im Büro registriert');
    expect(md(model, 'en')).toContain('Organisational measures (declared by ACME App GmbH, not verified technically)');
  });

  it('lists the sub-processors found in the inventory with place and transfer basis', () => {
    const de = md(model, 'de');
    expect(de).toContain('| DigitalOcean, LLC | Hosting');
    expect(de).toContain('| Cloudflare, Inc. |');
    expect(de).toContain('| Amazon Web Services EMEA SARL | Externer Speicher für verschlüsselte Datensicherungen | EU: Frankfurt am Main (eu-central-1) |');
  });

  it('drops the TLS sentence when a zone accepts TLS 1.0, and lists it with the failing control in the internal appendix', () => {
    const weak = withTls10();
    const m2 = weak.verdicts.find((v) => v.measure.id === 'M2')!;
    expect(m2.claimed).toBe(false);
    for (const lang of LANGS) {
      expect(md(model, lang)).toContain(sentence(model, 'M2', lang));
      expect(md(weak, lang)).not.toContain(sentence(model, 'M2', lang).slice(0, 60));
      expect(md(weak, lang)).not.toContain(MESSAGES[lang].summaries.M2(weak.facts, formatter(lang, MESSAGES[lang])));
    }
    const internal = renderInternalAppendix(weak);
    const section = internal.slice(internal.indexOf('## Withheld'), internal.indexOf('## Claimed'));
    expect(section).toContain('**M2**');
    expect(section).toMatch(/withheld because: .*TOM-EDGE-02 fail/);
    expect(section).toMatch(/- fail `edge-prod` `[^`]+`: .*1\.0/);
    expect(section).toContain(`would read (de): ${sentence(weak, 'M2', 'de').slice(0, 40)}`);
  });

  it('writes customer files and the internal appendix separately; no control id, status or reason leaks into the customer files', async () => {
    const weak = withTls10();
    const out = join(work, 'out');
    await writeTomAnnex(weak, out, { langs: LANGS, pdf: false });
    expect(readdirSync(out).sort()).toEqual(['tom-annex.de.html', 'tom-annex.de.md', 'tom-annex.en.html', 'tom-annex.en.md', 'tom-internal.md']);
    const reasons = weak.verdicts.flatMap((v) => v.controls.flatMap((c) => c.blocking.map((f) => f.reason)));
    expect(reasons.length).toBeGreaterThan(0);
    for (const file of readdirSync(out).filter((f) => f.startsWith('tom-annex'))) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).not.toMatch(/TOM-[A-Z]+-\d\d/);
      expect(text).not.toMatch(/\b(fail|unknown|waived|not-applicable|withheld|M\d{1,2})\b/);
      expect(text).not.toMatch(/edge-prod|platform-prod|cloudflare_zone_setting/);
      for (const r of reasons) expect(text).not.toContain(r);
    }
    expect(readFileSync(join(out, 'tom-internal.md'), 'utf8')).toContain('TOM-EDGE-02');
  });

  it.each([
    ['no browser', null, /^tom annex: PDF skipped \(no browser; set CHROMIUM_PATH/],
    ['a browser that does not exist', { executablePath: '/nonexistent/chromium' }, /^tom annex: PDF skipped \(Chromium executable \/nonexistent\/chromium does not exist/],
  ])('the synth gate writes Markdown and HTML and skips the PDF in one line with %s', async (_, browser, skipped) => {
    const out = join(work, `gate-${Math.random().toString(36).slice(2)}`);
    const lines: string[] = [];
    await writeAnnexAfterGate(config, exampleAudit(), paths, out, (l) => lines.push(l), browser);
    expect(lines[0]).toMatch(skipped);
    expect(lines).toHaveLength(2);
    expect(readdirSync(out).sort()).toEqual(['tom-annex.de.html', 'tom-annex.de.md', 'tom-annex.en.html', 'tom-annex.en.md', 'tom-internal.md']);
    expect(readFileSync(join(out, 'tom-annex.en.md'), 'utf8')).toBe(readFileSync(join(__dirname, '../../fixtures/tom-annex/tom-annex.en.md'), 'utf8'));
  });

  it('the synth gate skips the annex in one line when the config has no isms section', async () => {
    const lines: string[] = [];
    const out = join(work, 'no-isms');
    await writeAnnexAfterGate({ ...config, isms: undefined }, exampleAudit(), paths, out, (l) => lines.push(l), undefined);
    expect(lines).toEqual([expect.stringMatching(/^tom annex: skipped \(the config has no isms section/)]);
  });

  it('keeps the HTML self-contained: no scripts, no external resources', () => {
    const html = renderAnnexHtml(annexDocument(model, 'de'));
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|\ssrc=|\shref=|url\(/i);
  });

  it('renders organisational text from the config inert in Markdown and HTML', () => {
    const evil = '<script>alert(1)</script> [Link](https://evil.example) **fett** | Zelle _kursiv_';
    const m: TomAnnexModel = { ...model, organisational: [{ ...model.organisational[0], text: { de: evil, en: evil } }] };
    const doc = annexDocument(m, 'de');
    const markdown = renderAnnexMarkdown(doc);
    expect(markdown).toContain('- \\<script\\>alert(1)\\</script\\> \\[Link\\](https://evil.example) \\*\\*fett\\*\\* \\| Zelle \\_kursiv\\_');
    const html = renderAnnexHtml(doc);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});
