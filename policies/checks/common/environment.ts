/**
 * Which stacks of an audit make up one environment. The kit builds each
 * environment as several stacks named `<kind>-<environment>`
 * (`data/stack-names.ts`): the cluster and the database live in
 * `platform-prod`, the Falco release and the backup CronJobs that cover them
 * in `workloads-prod`. Checks that ask "does this environment have …" look in
 * all of them. A stack named any other way (hand-written Terraform, a plan
 * file) is an environment of its own, as before the split.
 */
import { environmentOfStackName } from '../../../data/stack-names';
import type { InventoryIndex, InventoryResource } from '../../types';
import { indexLookupBy } from '../../index-lookup';

/** The audited stacks named for one environment, built once per environment and audit. */
const stacksOfEnvironment = indexLookupBy((index: InventoryIndex, environment: string): readonly string[] =>
  index.inventory.stacks.map((s) => s.name).filter((name) => environmentOfStackName(name) === environment),
);

/** The audited stacks of `stack`'s environment, `stack` first; built once per environment and audit. */
export function environmentStacks(stack: string, index: InventoryIndex): readonly string[] {
  const environment = environmentOfStackName(stack);
  if (environment === undefined) return [stack];
  const siblings = stacksOfEnvironment(index, environment);
  return [stack, ...siblings.filter((name) => name !== stack)];
}

/** Resources of `type` in every audited stack of `stack`'s environment. */
export function byTypeInEnvironment(index: InventoryIndex, type: string, stack: string): InventoryResource[] {
  return environmentStacks(stack, index).flatMap((s) => index.byType(type, s));
}

/** `stack platform-prod`, or `stacks platform-prod, workloads-prod` when the environment has several. */
export function describeStacks(stacks: readonly string[]): string {
  return stacks.length === 1 ? `stack ${stacks[0]}` : `stacks ${stacks.join(', ')}`;
}
