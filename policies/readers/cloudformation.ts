/**
 * CloudFormation templates (`cdk.out/*.template.json`): one resource per logical
 * id, values = `Properties`, references from `Ref`, `Fn::GetAtt`, `Fn::Sub` and
 * `DependsOn` (only those naming another resource of the template; parameters
 * and pseudo parameters are not resources). The region comes from the CDK
 * `manifest.json` beside the template, when there is one.
 */
import { dirname, join } from 'node:path';
import { readOptionalRegularFile } from '../input-files';
import type { InventoryResource } from '../types';
import { isRecord } from '../values';
import { entriesOf, otherAddresses, type ReadContext, type ReadOutput } from './common';
import { parseJsonText } from './json-text';

/** CDK's analytics resource: not infrastructure anyone configures. */
const SKIPPED_TYPES = new Set(['AWS::CDK::Metadata']);

export function isCloudFormationTemplate(doc: Record<string, unknown>): boolean {
  return entriesOf(doc.Resources).some(([, r]) => isRecord(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::'));
}

// `${Name}` or `${Name.Attr}` inside Fn::Sub; `${!Literal}` is an escape.
const SUB_VARIABLE = /\$\{([^!}][^}]*)\}/g;

function intrinsicTargets(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) intrinsicTargets(v, into);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, arg] of Object.entries(value)) {
    if (key === 'Ref' && typeof arg === 'string') into.push(arg);
    else if (key === 'Fn::GetAtt') {
      if (Array.isArray(arg) && typeof arg[0] === 'string') into.push(arg[0]);
      else if (typeof arg === 'string') into.push(arg.split('.')[0]);
    } else if (key === 'Fn::Sub') {
      const template = Array.isArray(arg) ? arg[0] : arg;
      if (typeof template === 'string') for (const m of template.matchAll(SUB_VARIABLE)) into.push(m[1].split('.')[0]);
    }
    intrinsicTargets(arg, into);
  }
}

/** `aws://123456789012/eu-central-1` → `eu-central-1`; env-agnostic stacks have no region. */
function regionFromManifest(file: string, stack: string): string | undefined {
  const manifestPath = join(dirname(file), 'manifest.json');
  // A manifest that cannot be read is an input error, not "no region": the region control must not be decided by a corrupt file.
  const text = readOptionalRegularFile(manifestPath, 'the CDK manifest (JSON)');
  if (text === undefined) return undefined;
  const manifest = parseJsonText(text, manifestPath);
  const artifacts = isRecord(manifest) ? entriesOf(manifest.artifacts) : [];
  const templateFile = `${stack}.template.json`;
  const artifact =
    artifacts.find(([, a]) => isRecord(a) && isRecord(a.properties) && a.properties.templateFile === templateFile)?.[1] ??
    artifacts.find(([id]) => id === stack)?.[1];
  const env = isRecord(artifact) ? artifact.environment : undefined;
  const region = typeof env === 'string' ? env.split('/')[3] : undefined;
  return region && region !== 'unknown-region' ? region : undefined;
}

/** Type of the pseudo-resources that carry cdk-nag findings into the audit (TOM-VLT-13). */
export const CDK_NAG_FINDING = 'CdkNag::Finding';

/**
 * cdk-nag's findings for the stack, written by the vault app beside the
 * template as `<stack>.nag-findings.json` (`{ findings: [{ resource, ruleId,
 * level, acknowledged, reason?, message }] }`), as one pseudo-resource each,
 * so the reports show them next to the kit's own controls.
 */
function nagFindings(file: string, source: string, stack: string): InventoryResource[] {
  const path = join(dirname(file), `${stack}.nag-findings.json`);
  // cdk-nag's verdicts decide TOM-VLT-13: a findings file that cannot be read must not read as "no findings".
  const text = readOptionalRegularFile(path, 'cdk-nag findings (JSON)');
  if (text === undefined) return [];
  const doc = parseJsonText(text, path);
  const findings = isRecord(doc) && Array.isArray(doc.findings) ? doc.findings.filter(isRecord) : [];
  const nagSource = join(dirname(source), `${stack}.nag-findings.json`);
  return findings
    .filter((f) => typeof f.resource === 'string' && typeof f.ruleId === 'string')
    .map((f) => ({
      address: `${f.resource as string}#${f.ruleId as string}`,
      type: CDK_NAG_FINDING,
      provider: 'aws',
      stack,
      source: nagSource,
      format: 'cloudformation' as const,
      values: f,
      references: [f.resource as string],
    }));
}

export function readCloudFormation(doc: Record<string, unknown>, ctx: ReadContext): ReadOutput {
  const stack = ctx.source.split('/').pop()!.replace(/(\.template)?\.json$/, '');
  const logicalIds = new Set(entriesOf(doc.Resources).map(([id]) => id));
  const resources: InventoryResource[] = [];
  for (const [id, r] of entriesOf(doc.Resources)) {
    if (!isRecord(r) || typeof r.Type !== 'string' || SKIPPED_TYPES.has(r.Type)) continue;
    const targets: string[] = [];
    intrinsicTargets(r.Properties, targets);
    if (typeof r.DependsOn === 'string') targets.push(r.DependsOn);
    else if (Array.isArray(r.DependsOn)) targets.push(...r.DependsOn.filter((d): d is string => typeof d === 'string'));
    const metadata = isRecord(r.Metadata) ? r.Metadata : {};
    const constructPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
    resources.push({
      address: id,
      type: r.Type,
      provider: 'aws',
      stack,
      source: ctx.source,
      format: 'cloudformation',
      values: isRecord(r.Properties) ? r.Properties : {},
      references: otherAddresses(
        targets.filter((t) => logicalIds.has(t)),
        id,
      ),
      ...(constructPath ? { constructPath } : {}),
    });
  }
  const region = regionFromManifest(ctx.file, stack);
  return {
    resources: [...resources, ...nagFindings(ctx.file, ctx.source, stack)],
    stack: { name: stack, source: ctx.source, format: 'cloudformation', ...(region ? { region } : {}) },
  };
}
