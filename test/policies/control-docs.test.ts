/** docs/controls/ is generated from the catalogue and must be up to date: SARIF's helpUri links there. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { CONTROLS } from '../../policies/catalog/index';
import { CONTROL_DOCS_DIR, controlDocs, writeControlDocs } from '../../policies/control-docs';
import { renderSarif } from '../../policies/report/sarif';
import { AUDIT_RESULT } from '../fixtures/reports/audit-result';

describe('docs/controls', () => {
  const expected = controlDocs(CONTROLS);

  it('is up to date with the catalogue (regenerate with npm run docs:controls)', () => {
    const onDisk = readdirSync(CONTROL_DOCS_DIR).filter((n) => n.endsWith('.md')).sort();
    expect(onDisk).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) expect(`${name}:\n${readFileSync(join(CONTROL_DOCS_DIR, name), 'utf8')}`).toBe(`${name}:\n${content}`);
  });

  it('has a page for every rule SARIF links to', () => {
    const log = JSON.parse(renderSarif({ ...AUDIT_RESULT, controls: CONTROLS }, { helpBase: 'https://example.org/kit/docs/controls/' })) as Log;
    const rules = log.runs[0]!.tool.driver.rules!.filter((r) => r.id !== 'waiver-problem');
    expect(rules).toHaveLength(CONTROLS.length);
    for (const r of rules) expect(expected.has(decodeURIComponent(r.helpUri!.split('/').pop()!))).toBe(true);
  });

  it('removes the page of a control that is gone when regenerated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'control-docs-'));
    try {
      writeFileSync(join(dir, 'TOM-GONE-01.md'), 'old');
      writeFileSync(join(dir, 'notes.txt'), 'kept');
      writeControlDocs(CONTROLS.slice(0, 2), dir);
      expect(readdirSync(dir).sort()).toEqual(['README.md', `${CONTROLS[0]!.id}.md`, `${CONTROLS[1]!.id}.md`, 'notes.txt'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
