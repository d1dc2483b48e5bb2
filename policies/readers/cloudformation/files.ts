/**
 * The file-level half of the CloudFormation reader, for the inventory's file
 * discovery: which names may hold a YAML template, and a YAML file's text as
 * a template (or nothing, when it is some other tool's YAML in a folder).
 */
import { isRecord } from '../../values';
import { isCloudFormationTemplate } from '../cloudformation';
import { parseCloudFormationYaml, YamlSyntaxError } from './yaml';

/** YAML file names a folder search reads (CloudFormation, SAM and CDK all write these). */
export const YAML_TEMPLATE_NAME = /\.(ya?ml|template)$/i;

/** Text that can only be a CloudFormation template: a parse error there is an error, not another tool's file. */
const LOOKS_LIKE_CFN = /\bAWSTemplateFormatVersion["']?\s*:|\bType["']?\s*:\s*["']?AWS::/;

/**
 * A YAML file's template document. Inside a folder (`explicit` false), YAML
 * that does not parse and does not look like a template, and YAML that is not
 * a template (workflows, Kubernetes manifests), give undefined.
 */
export function yamlTemplate(text: string, label: string, explicit: boolean): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = parseCloudFormationYaml(text, label);
  } catch (err) {
    if (err instanceof YamlSyntaxError && !explicit && !LOOKS_LIKE_CFN.test(text)) return undefined;
    throw err;
  }
  return isRecord(doc) && (explicit || isCloudFormationTemplate(doc)) ? doc : undefined;
}
