/** Recognises a parsed JSON document's format by its content and hands it to that reader. */
import { isRecord } from '../values';
import { isTerraformConfig, readTerraformConfig } from './cdktf';
import { isCloudFormationTemplate, readCloudFormation } from './cloudformation';
import type { ReadContext, ReadOutput } from './common';
import { checkShape } from './shape';
import { isTerraformPlan, readTerraformPlan } from './terraform-plan';

/** The inventory part of one document, or undefined when it is none of the three formats. */
export function readDocument(doc: unknown, ctx: ReadContext): ReadOutput | undefined {
  if (!isRecord(doc)) return undefined;
  checkShape(doc, ctx.source);
  if (isTerraformPlan(doc)) return readTerraformPlan(doc, ctx);
  if (isCloudFormationTemplate(doc)) return readCloudFormation(doc, ctx);
  if (isTerraformConfig(doc)) return readTerraformConfig(doc, ctx);
  return undefined;
}
