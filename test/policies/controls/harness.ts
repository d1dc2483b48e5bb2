/**
 * Control fixtures: every control has a compliant and a non-compliant
 * inventory (see fixtures/). `catalogue-fixtures.test.ts` runs them all, so a
 * control without both fixtures fails the suite.
 */
import { buildIndex } from '../../../policies/inventory-index';
import { terraformReferences } from '../../../policies/references';
import { CONTROLS } from '../../../policies/catalog';
import { coveredAnnexIds, evaluateControl } from '../../../policies/engine';
import type { Control, FindingStatus, IsmsDeclarations, Inventory, InventoryResource, SourceFormat, StackInfo } from '../../../policies/types';

export interface FixtureResource {
  /** Terraform type (`digitalocean_vpc`) or CloudFormation type (`AWS::S3::Bucket`). */
  readonly type: string;
  /** Terraform name, or the CloudFormation logical id. */
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** Defaults to `fixture-prod`. */
  readonly stack?: string;
  /** Extra references beyond the `${…}` interpolations found in values (CloudFormation Ref/GetAtt targets). */
  readonly references?: readonly string[];
}

export interface FixtureCase {
  readonly resources: readonly FixtureResource[];
  /** ISMS declarations, for ISMS controls. */
  readonly isms?: IsmsDeclarations;
  /** Stack facts (region for CloudFormation); stacks named by resources are added automatically. */
  readonly stacks?: readonly Partial<StackInfo>[];
}

export interface ControlFixture {
  readonly compliant: FixtureCase;
  readonly nonCompliant: FixtureCase;
  /** Addresses (resource address, or stack name for stack controls) that must fail in `nonCompliant`. */
  readonly failing: readonly string[];
}

export type FixtureSet = Readonly<Record<string, ControlFixture>>;

const providerOf = (type: string): string => (type.includes('::') ? 'aws' : type.split('_')[0]);

export function inventoryOf(c: FixtureCase): Inventory {
  const resources: InventoryResource[] = c.resources.map((r) => {
    const format: SourceFormat = r.type.includes('::') ? 'cloudformation' : 'cdktf';
    const address = format === 'cloudformation' ? r.name : `${r.type}.${r.name}`;
    return {
      address,
      type: r.type,
      provider: providerOf(r.type),
      stack: r.stack ?? 'fixture-prod',
      source: 'fixture.json',
      format,
      values: r.values,
      references: [...terraformReferences(r.values), ...(r.references ?? [])],
    };
  });
  const stacks = new Map<string, StackInfo>();
  for (const s of c.stacks ?? []) {
    if (s.name) stacks.set(s.name, { source: 'fixture.json', format: 'cdktf', ...s, name: s.name });
  }
  for (const r of resources) {
    if (!stacks.has(r.stack)) stacks.set(r.stack, { name: r.stack, source: r.source, format: r.format });
  }
  return { resources, stacks: [...stacks.values()] };
}

export interface Outcome {
  readonly address: string;
  readonly status: FindingStatus;
  readonly reason?: string;
  readonly path?: string;
}

/** Evaluates one control with the engine's own `evaluateControl`, without waivers. */
export function evaluate(control: Control, c: FixtureCase): Outcome[] {
  return evaluateControl(control, buildIndex(inventoryOf(c)), { isms: c.isms, covered: coveredAnnexIds(CONTROLS) }).map((f) => ({ address: f.address, status: f.status, reason: f.reason, path: f.path }));
}
