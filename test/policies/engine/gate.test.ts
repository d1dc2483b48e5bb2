import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGate } from '../../../policies/gate';
import { FAKE_CONTROLS } from './fake-controls';

const INPUTS = 'test/fixtures/inputs';
const NOW = new Date('2025-06-01T12:00:00Z');

describe('runGate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function gate(options: Partial<Parameters<typeof runGate>[0]>) {
    const lines: string[] = [];
    const code = await runGate({ paths: [INPUTS], controls: FAKE_CONTROLS, now: NOW, outDir: join(dir, 'reports'), ...options }, { stderr: (l) => lines.push(l) });
    return { code, lines };
  }

  it('returns 1 and prints each blocking failure as CONTROL-ID address: reason', async () => {
    const { code, lines } = await gate({ failOn: 'medium' });
    expect(code).toBe(1);
    expect(lines[0]).toBe('FAKE-SEP-01 BackupVault: the stack declares no digitalocean_vpc');
    expect(lines[1]).toMatch(/^audit: 1 blocking failure\(s\) .*stopped before Terraform/);
    expect(existsSync(join(dir, 'reports'))).toBe(true);
  });

  it('returns 0 when nothing at or above the threshold fails (critical/high by default)', async () => {
    const { code, lines } = await gate({});
    expect(code).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^audit: compliant \(19 resources, 6 controls, fail-on high\); reports in /)]);
  });

  it('returns 2 with one line for unusable input', async () => {
    const { code, lines } = await gate({ paths: [join(dir, 'cdktf.out')], outDir: join(dir, 'not-written') });
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/cdktf\.out: no such file or folder/)]);
    expect(existsSync(join(dir, 'not-written'))).toBe(false);
  });
});
