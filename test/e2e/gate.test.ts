/**
 * The gate really blocks: take the reference deployment, weaken one resource
 * the way a careless change would, synthesize, and run the same gate main.ts runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { runGate } from '../../policies/gate';
import { buildCdktfApp } from '../../stacks/platform-app';
import { synthesizedExample } from '../support/example-synth';

const config = loadConfig(DEFAULT_CONFIG);

/**
 * Synthesizes the reference deployment weakened by `weaken` and runs the gate
 * on it. Unweakened, it audits the run's shared synth of the same config
 * (test/support/example-synth.ts) instead of synthesizing it again.
 */
async function gate(
  weaken: ((built: ReturnType<typeof buildCdktfApp>) => void) | undefined,
  audited: (outdir: string) => string[] = (outdir) => [outdir],
): Promise<{ code: number; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tom-gate-'));
  let outdir: string;
  if (weaken) {
    const built = buildCdktfApp(config, { outdir: join(dir, 'cdktf.out'), processEnv: {} });
    weaken(built);
    built.app.synth();
    outdir = built.app.outdir;
  } else {
    outdir = join(await synthesizedExample(), 'cdktf.out');
  }
  const lines: string[] = [];
  const code = await runGate({ paths: audited(outdir), outDir: join(dir, 'reports') }, { stderr: (l) => lines.push(l) });
  return { code, lines };
}

// The unweakened cases may wait for the run's synth of the example (npm run synth, with its PDFs) in another test file.
const SHARED_SYNTH_MS = 240_000;

describe('the synth gate', () => {
  it('passes the reference deployment', async () => {
    const { code, lines } = await gate(undefined);
    expect(lines.join('\n')).toMatch(/audit: compliant/);
    expect(code).toBe(0);
  }, SHARED_SYNTH_MS);

  it('blocks a public bucket and a US region, naming control, resource and reason', async () => {
    const { code, lines } = await gate(({ platform }) => {
      const prod = platform.find((p) => p.node.id === 'platform-prod')!;
      prod.buckets[0].bucket.addOverride('acl', 'public-read');
      prod.buckets[1].bucket.addOverride('region', 'nyc3');
    });
    expect(code).toBe(1);
    const text = lines.join('\n');
    expect(text).toMatch(/^TOM-IAM-\d\d platform-prod\/digitalocean_spaces_bucket\.bucket-uploads_bucket_[0-9A-F]+: .*public-read/m);
    expect(text).toMatch(/^TOM-RES-01 platform-prod\/digitalocean_spaces_bucket\.bucket-logs_bucket_[0-9A-F]+: .*nyc3/m);
    expect(text).toMatch(/stopped before Terraform/);
  });

  it('blocks an environment whose workloads stack lacks Falco, and only that environment', async () => {
    const { code, lines } = await gate(({ workloads }) => {
      workloads.find((w) => w.node.id === 'workloads-prod')!.node.tryRemoveChild('falco');
    });
    expect(code).toBe(1);
    const text = lines.join('\n');
    expect(text).toMatch(/^TOM-IDS-01 platform-prod: .*no helm_release of the falco chart in stacks platform-prod, .*workloads-prod/m);
    expect(text).not.toMatch(/^TOM-IDS-01 platform-staging/m);
    expect(text).toMatch(/audit: 1 blocking failure/);
  });

  it('does not count Falco or backups that were not audited: platform stacks alone fail', async () => {
    const { code, lines } = await gate(
      undefined,
      (outdir) => ['platform-prod', 'platform-staging'].map((stack) => join(outdir, 'stacks', stack)),
    );
    expect(code).toBe(1);
    const text = lines.join('\n');
    for (const id of ['TOM-IDS-01', 'TOM-BAK-01', 'TOM-BAK-05']) expect(text).toMatch(new RegExp(`^${id} platform-prod: `, 'm'));
  }, SHARED_SYNTH_MS);
});
