import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditResult } from '../../../policies/types';
import { REPORT_FILES, ReportOutputError, writeReports } from '../../../policies/report';
import { AUDIT_RESULT } from '../../fixtures/reports/audit-result';

const NAMES = REPORT_FILES.map(([name]) => name);

describe('writeReports', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'reports-test-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('creates the folder with every report and returns their paths', async () => {
    const out = join(parent, 'nested', 'reports');
    const written = await writeReports(AUDIT_RESULT, out);
    expect(written).toEqual(NAMES.map((n) => join(out, n)));
    for (const [name, render] of REPORT_FILES) {
      const written = readFileSync(join(out, name), 'utf8');
      // compliance.json carries the manifest of the others as well; everything else is exactly the rendering.
      if (name === 'compliance.json') expect(JSON.parse(written)).toEqual({ ...JSON.parse(render(AUDIT_RESULT)), manifest: expect.any(Object) });
      else expect(written).toBe(render(AUDIT_RESULT));
    }
    expect(readdirSync(join(parent, 'nested'))).toEqual(['reports']);
  });

  it('replaces old reports in an existing folder and leaves other files alone', async () => {
    const out = join(parent, 'reports');
    await mkdir(out);
    writeFileSync(join(out, 'compliance.json'), 'stale');
    writeFileSync(join(out, 'keep.txt'), 'mine');
    await writeReports(AUDIT_RESULT, out);
    expect(readFileSync(join(out, 'compliance.json'), 'utf8')).not.toBe('stale');
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(out).sort()).toEqual([...NAMES, 'keep.txt'].sort());
    expect(readdirSync(parent)).toEqual(['reports']);
  });

  it('writes nothing when a report cannot be rendered', async () => {
    const out = join(parent, 'reports');
    const broken = { ...AUDIT_RESULT, findings: null } as unknown as AuditResult;
    await expect(writeReports(broken, out)).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses an output path that is a file, naming it', async () => {
    const out = join(parent, 'reports');
    writeFileSync(out, 'not a folder');
    const attempt = writeReports(AUDIT_RESULT, out);
    await expect(attempt).rejects.toBeInstanceOf(ReportOutputError);
    await expect(attempt).rejects.toThrow(`Report output folder ${out} exists but is a file`);
    expect(readdirSync(parent)).toEqual(['reports']);
  });
});
