/**
 * Every control of the DigitalOcean, Cloudflare and monitoring areas on HCL: each control's compliant
 * and non-compliant fixture, written as `.tf` files (one module folder per
 * stack) and read by the Terraform module reader, gives the same outcome per
 * resource as the fixture read as cdktf JSON.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROLS } from '../../../policies/catalog';
import { evaluateControl } from '../../../policies/engine';
import { readInventoryAsync } from '../../../policies/inventory';
import { buildIndex } from '../../../policies/inventory-index';
import { CLOUDFLARE_FIXTURES } from '../controls/fixtures/cloudflare';
import { DIGITALOCEAN_FIXTURES } from '../controls/fixtures/digitalocean';
import { MONITORING_FIXTURES } from '../controls/fixtures/monitoring';
import { evaluate, type FixtureCase } from '../controls/harness';
import { hclResource } from './hcl-writer';
import type { Area } from '../../../policies/types';

const FIXTURES = { ...DIGITALOCEAN_FIXTURES, ...CLOUDFLARE_FIXTURES, ...MONITORING_FIXTURES };
const AREAS_HERE: readonly Area[] = ['digitalocean', 'cloudflare', 'monitoring'];
/** Its non-compliant fixture holds a `${file("…")}` interpolation with quotes inside, which hcl-writer cannot write. */
const NOT_WRITABLE_AS_HCL = new Set(['TOM-IDS-02']);
const CONTROLS_HERE = CONTROLS.filter((c) => AREAS_HERE.includes(c.area) && c.scope !== 'inherited' && !NOT_WRITABLE_AS_HCL.has(c.id));

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hcl-catalogue-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the case as one module folder per stack (the folder name is the stack name) and returns the case folder. */
function writeCase(id: string, which: string, c: FixtureCase): string {
  const dir = join(root, id, which);
  const byStack = new Map<string, string[]>();
  for (const r of c.resources) {
    const stack = r.stack ?? 'fixture-prod';
    byStack.set(stack, [...(byStack.get(stack) ?? []), hclResource(r.type, r.name, r.values)]);
  }
  for (const [stack, blocks] of byStack) {
    mkdirSync(join(dir, stack), { recursive: true });
    writeFileSync(join(dir, stack, 'main.tf'), blocks.join('\n'));
  }
  return dir;
}

const outcomes = (list: { address: string; status: string }[]): string[] => list.map((o) => `${o.address} ${o.status}`).sort();

describe.each(CONTROLS_HERE.map((c) => [c.id, c] as const))('%s on HCL', (id, control) => {
  const fixture = FIXTURES[id];
  it.each(['compliant', 'nonCompliant'] as const)('%s fixture as .tf gives the same outcome as cdktf JSON', async (which) => {
    expect(fixture).toBeDefined();
    const c = fixture[which];
    const inventory = await readInventoryAsync([writeCase(id, which, c)]);
    expect(inventory.stacks.every((s) => s.format === 'terraform')).toBe(true);
    const hcl = evaluateControl(control, buildIndex(inventory));
    expect(outcomes(hcl)).toEqual(outcomes(evaluate(control, c)));
    if (which === 'nonCompliant') expect(hcl.filter((f) => f.status === 'fail').length).toBeGreaterThan(0);
  });
});
