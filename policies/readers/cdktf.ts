/**
 * cdktf `cdk.tf.json` (and any Terraform JSON configuration): resources under
 * `resource.<type>.<name>`, provider blocks under `provider.<name>`, the state
 * backend under `terraform.backend.<kind>`. Data sources are not resources and
 * are left out.
 */
import { terraformReferences } from '../references';
import type { InventoryResource } from '../types';
import { isRecord } from '../values';
import { entriesOf, otherAddresses, providerOfType, recordList, type ReadContext, type ReadOutput } from './common';

/** Terraform meta-arguments: not attributes of the resource, so never in `values`. */
const META_ARGUMENTS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

export function isTerraformConfig(doc: Record<string, unknown>): boolean {
  return isRecord(doc.resource) || isRecord(doc.terraform);
}

/** `depends_on` entries are bare addresses (`digitalocean_vpc.vpc`) or interpolations; both count. */
function dependsOn(body: Record<string, unknown>): string[] {
  const list = Array.isArray(body.depends_on) ? body.depends_on : [];
  return terraformReferences(list.map((d) => (typeof d === 'string' && !d.includes('${') ? `\${${d}}` : d)));
}

function constructPathOf(body: Record<string, unknown>): string | undefined {
  const meta = body['//'];
  const path = isRecord(meta) && isRecord(meta.metadata) ? meta.metadata.path : undefined;
  return typeof path === 'string' ? path : undefined;
}

interface BlockSpec {
  readonly address: string;
  readonly type: string;
  readonly provider: string;
  readonly body: Record<string, unknown>;
}

function toResource(spec: BlockSpec, stack: string, ctx: ReadContext): InventoryResource {
  const body = spec.body;
  // Interpolations in count / for_each / lifecycle still say what the resource depends on.
  const referenced = [...terraformReferences(body), ...dependsOn(body)];
  // A shallow copy without the meta-arguments (for…in: no entry arrays, once per resource of a large synth).
  const values: Record<string, unknown> = {};
  for (const key in body) if (!META_ARGUMENTS.has(key)) values[key] = body[key];
  const constructPath = constructPathOf(body);
  return {
    address: spec.address,
    type: spec.type,
    provider: spec.provider,
    stack,
    source: ctx.source,
    format: 'cdktf',
    values,
    references: otherAddresses(referenced, spec.address),
    ...(constructPath ? { constructPath } : {}),
  };
}

/** Stack name: the folder under `stacks/` (cdktf.out layout), else `//.metadata.stackName`, else the file name. */
export function cdktfStackName(doc: Record<string, unknown>, source: string): string {
  const parts = source.split('/');
  const i = parts.lastIndexOf('stacks');
  if (i >= 0 && i < parts.length - 2) return parts[i + 1];
  const meta = doc['//'];
  const named = isRecord(meta) && isRecord(meta.metadata) ? meta.metadata.stackName : undefined;
  if (typeof named === 'string' && named) return named;
  return parts[parts.length - 1].replace(/(\.tf)?\.json$/, '');
}

export function readTerraformConfig(doc: Record<string, unknown>, ctx: ReadContext): ReadOutput {
  const stack = cdktfStackName(doc, ctx.source);
  const specs: BlockSpec[] = [];
  for (const [type, byName] of entriesOf(doc.resource)) {
    for (const [name, body] of entriesOf(byName)) {
      if (isRecord(body)) specs.push({ address: `${type}.${name}`, type, provider: providerOfType(type), body });
    }
  }
  // cdktf writes each provider as a list (one entry per alias).
  for (const [name, blocks] of entriesOf(doc.provider)) {
    for (const body of recordList(blocks)) {
      const alias = typeof body.alias === 'string' ? `.${body.alias}` : '';
      specs.push({ address: `provider.${name}${alias}`, type: 'terraform_provider', provider: name, body });
    }
  }
  const terraform = isRecord(doc.terraform) ? doc.terraform : {};
  for (const [kind, body] of entriesOf(terraform.backend)) {
    if (isRecord(body)) specs.push({ address: `terraform.backend.${kind}`, type: 'terraform_backend', provider: 'terraform', body });
  }
  return {
    resources: specs.map((s) => toResource(s, stack, ctx)),
    stack: { name: stack, source: ctx.source, format: 'cdktf' },
  };
}
