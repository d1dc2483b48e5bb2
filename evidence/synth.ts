/**
 * Synthesizes one environment's edge stack from the config, exactly as
 * `npm run synth` / `cdktf deploy` would (same `buildCdktfApp`, same
 * `app.synth()`; only the workloads stack, which the edge stack does not
 * refer to, is left out), into a temporary folder that is removed afterwards. The
 * declared side of the evidence therefore always matches the code, never a
 * stale `cdktf.out`.
 *
 * Kept apart from `declared.ts` because loading the stacks and provider
 * bindings takes seconds: the CLI loads this only after the cheap checks
 * (arguments, config, token) have passed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KitConfig } from '../config/schema';
import { readTerraformConfig } from '../policies/readers/cdktf';
import { buildCdktfApp } from '../stacks/platform-app';
import { DeclaredError, declaredZones, type DeclaredZone } from './declared';

export interface DeclaredEdge {
  /** `edge-<env>` */
  readonly stack: string;
  readonly zones: readonly DeclaredZone[];
}

/** Same config and environment → same synthesized stack; tests and repeated runs in one process synthesize once. */
const cache = new Map<string, DeclaredEdge>();

/** The synthesized `cdk.tf.json` of `edge-<envName>`. */
function synthesizeEdgeJson(config: KitConfig, envName: string): Record<string, unknown> {
  const env = config.environments.find((e) => e.name === envName);
  if (!env?.edge) throw new DeclaredError(`environment "${envName}" has no edge section, so there is no Cloudflare zone to compare.`);
  const outdir = mkdtempSync(join(tmpdir(), 'tom-evidence-'));
  try {
    // Only this environment: its platform stack is still built, because the edge stack takes the origin address from it;
    // its workloads stack is not (nothing in the edge stack refers to it).
    const { app } = buildCdktfApp({ ...config, environments: [env] }, { outdir, processEnv: {}, workloads: false });
    app.synth();
    const stack = `edge-${envName}`;
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
    const entry = manifest.stacks[stack];
    if (!entry) throw new DeclaredError(`synthesizing environment "${envName}" produced no ${stack} stack.`);
    return JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8')) as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * What `edge-<envName>` declares, per zone. `configLabel` names the config in
 * messages and in the findings' source. Throws DeclaredError when the
 * environment has no edge or the stack cannot be synthesized.
 */
export function declaredEdge(config: KitConfig, envName: string, configLabel: string): DeclaredEdge {
  const env = config.environments.find((e) => e.name === envName);
  const key = JSON.stringify({ project: config.project, state: config.state, env });
  const cached = cache.get(key);
  if (cached) return cached;

  let doc: Record<string, unknown>;
  try {
    doc = synthesizeEdgeJson(config, envName);
  } catch (err) {
    if (err instanceof DeclaredError) throw err;
    // A construct refusing a value is a config problem the schema did not catch; say so in one line.
    throw new DeclaredError(`cannot synthesize edge-${envName} from ${configLabel}: ${(err as Error).message.split('\n')[0]}`);
  }
  const stack = `edge-${envName}`;
  const { resources } = readTerraformConfig(doc, { source: `${configLabel} (${stack}, synthesized)`, file: configLabel });
  const zones = declaredZones(
    resources.map((r) => ({ ...r, stack })),
    stack,
  );
  if (zones.length === 0) throw new DeclaredError(`${stack} synthesized from ${configLabel} declares no Cloudflare zone resources to compare.`);
  const declared = { stack, zones };
  cache.set(key, declared);
  return declared;
}
