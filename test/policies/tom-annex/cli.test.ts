/** `npm run tom`: unusable input exits 2 with the field path, before anything is written. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../../../config/load';
import { runTomCli } from '../../../policies/tom-cli';

jest.setTimeout(240_000);

const work = mkdtempSync(join(tmpdir(), 'tom-cli-test-'));

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const code = await runTomCli(argv, { stderr: (l) => lines.push(l), env, resolveBrowser: () => undefined });
  return { code, text: lines.join('\n') };
}

function configWith(edit: (doc: any) => void): string {
  const doc = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
  edit(doc);
  const file = join(work, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

describe('npm run tom', () => {
  it('exits 2 naming the field path of a bad organisational measure', async () => {
    const out = join(work, 'bad-org');
    const file = configWith((doc) => {
      doc.isms.organisationalMeasures[0].text.de = 'tbd';
      doc.isms.organisationalMeasures[1].category = 'Benutzerkontrolle';
    });
    const { code, text } = await run(['--config', file, '--out', out, '--no-pdf']);
    expect(code).toBe(2);
    expect(text).toMatch(/isms\.organisationalMeasures\[0\]\.text\.de: "tbd"/);
    expect(text).toMatch(/isms\.organisationalMeasures\[1\]\.category: "Benutzerkontrolle"/);
    expect(text).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when the config has no isms section', async () => {
    const file = configWith((doc) => delete doc.isms);
    const { code, text } = await run(['--config', file, '--no-pdf', '--out', join(work, 'no-isms')]);
    expect(code).toBe(2);
    expect(text).toMatch(/^tom: isms: is required for the TOM annex/);
  });

  it('exits 2 for an unsupported language or option', async () => {
    expect(await run(['--lang', 'fr'])).toMatchObject({ code: 2, text: expect.stringMatching(/--lang fr is not supported \(allowed: de, en\)/) });
    expect(await run(['--pdf-only'])).toMatchObject({ code: 2, text: expect.stringMatching(/unknown option --pdf-only/) });
  });

  it('exits 2 in one line when the PDF is wanted and no browser is found, before writing anything', async () => {
    const out = join(work, 'no-browser');
    const { code, text } = await run(['--out', out]);
    expect(code).toBe(2);
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(/no Chromium found for the PDF: set CHROMIUM_PATH .*--no-pdf/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the German annex and the internal appendix from synthesized output (--from)', async () => {
    const { synthesizedExample, synthesizedPaths } = await import('./support');
    const paths = synthesizedPaths(await synthesizedExample());
    const out = join(work, 'out');
    const { code, text } = await run(['--lang', 'de', '--out', out, '--no-pdf', '--now', '2026-11-30', ...paths.flatMap((p) => ['--from', p])]);
    expect(text).toMatch(/1 technical measure\(s\) withheld/);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['tom-annex.de.html', 'tom-annex.de.md', 'tom-internal.md']);
    expect(readFileSync(join(out, 'tom-annex.de.md'), 'utf8')).toBe(readFileSync(join(__dirname, '../../fixtures/tom-annex/tom-annex.de.md'), 'utf8'));
  });
});
