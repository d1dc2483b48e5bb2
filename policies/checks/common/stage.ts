import { indexLookupBy } from '../../index-lookup';
import type { InventoryIndex } from '../../types';
import { attr } from '../../values';

export type Stage = 'prod' | 'staging' | 'dev';

const PROJECT_ENVIRONMENTS: Readonly<Record<string, Stage>> = {
  production: 'prod',
  staging: 'staging',
  development: 'dev',
};

/**
 * The stage of a stack: the `environment` of its `digitalocean_project`
 * (Production / Staging / Development) when it has one, otherwise a `prod`,
 * `staging` or `dev` word in the stack name. Undefined when neither says.
 * Checks call it through `stageOf`, once per stack and audit.
 */
export function stackStage(stack: string, index: InventoryIndex): Stage | undefined {
  for (const project of index.byType('digitalocean_project', stack)) {
    const env = attr(project.values, 'environment');
    if (typeof env === 'string' && PROJECT_ENVIRONMENTS[env.toLowerCase()]) return PROJECT_ENVIRONMENTS[env.toLowerCase()];
  }
  const word = /(?:^|[-_.])(prod|production|staging|stage|dev|development|test)(?:$|[-_.])/i.exec(stack)?.[1]?.toLowerCase();
  if (word === 'prod' || word === 'production') return 'prod';
  if (word === 'staging' || word === 'stage') return 'staging';
  if (word === 'dev' || word === 'development' || word === 'test') return 'dev';
  return undefined;
}

/**
 * `stackStage`, computed once per stack and audit, so stage-dependent checks
 * on every resource do not repeat the stack's project lookup and name parse.
 */
const stageOfStack = indexLookupBy((index: InventoryIndex, stack: string): Stage | undefined => stackStage(stack, index));

export const stageOf = (stack: string, index: InventoryIndex): Stage | undefined => stageOfStack(index, stack);

export const isProd = (stack: string, index: InventoryIndex): boolean => stageOf(stack, index) === 'prod';
