/** What every format reader shares: its context, its output, and small helpers. */
import type { InventoryResource, StackInfo } from '../types';
import { isRecord } from '../values';
import type { CloudFormationOptions } from './cloudformation/evaluate';

export interface ReadContext {
  /** Path shown in findings and reports (relative to the working directory when inside it). */
  readonly source: string;
  /** Absolute path, for looking at neighbouring files (CDK `manifest.json`). */
  readonly file: string;
  /** Parameters, region and vault buckets the user gave for CloudFormation input. */
  readonly cloudformation?: CloudFormationOptions;
}

export interface ReadOutput {
  readonly resources: InventoryResource[];
  readonly stack: StackInfo;
}

/** `digitalocean_vpc` → `digitalocean`; `helm_release` → `helm`. */
export const providerOfType = (type: string): string => type.split('_')[0];

/** `[key, value]` pairs of an object member, or none when it is not an object. */
export function entriesOf(v: unknown): [string, unknown][] {
  return isRecord(v) ? Object.entries(v) : [];
}

/** Record members as a list of objects, whether written as one object or a list (cdktf writes both). */
export function recordList(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isRecord);
  return isRecord(v) ? [v] : [];
}

/** The addresses in `refs` except `self`, deduplicated, in first-seen order. */
export function otherAddresses(refs: Iterable<string>, self: string): string[] {
  const out = new Set<string>();
  for (const r of refs) if (r !== self) out.add(r);
  return [...out];
}
