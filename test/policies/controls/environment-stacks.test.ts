import { environmentOfStackName, stackName } from '../../../data/stack-names';
import { environmentStacks } from '../../../policies/checks/common/environment';
import { buildIndex } from '../../../policies/inventory-index';
import type { StackInfo } from '../../../policies/types';

const index = (names: string[]) =>
  buildIndex({ resources: [], stacks: names.map((name): StackInfo => ({ name, source: `${name}.json`, format: 'cdktf' })) });

describe('environment of a stack (data/stack-names.ts)', () => {
  it.each([
    ['platform-prod', 'prod'],
    ['workloads-eu-prod', 'eu-prod'],
    ['edge-staging', 'staging'],
    ['backup-vault-prod', 'prod'],
  ])('%s belongs to %s', (stack, env) => {
    expect(environmentOfStackName(stack)).toBe(env);
  });

  it.each(['fixture-prod', 'platform', 'platform-', 'platformprod', 'main'])('%s follows no <kind>-<environment> name', (stack) => {
    expect(environmentOfStackName(stack)).toBeUndefined();
  });

  it('names stacks the way it reads them', () => {
    expect(environmentOfStackName(stackName('workloads', 'eu-prod'))).toBe('eu-prod');
  });
});

describe('environmentStacks', () => {
  const idx = index(['platform-prod', 'workloads-prod', 'edge-prod', 'platform-prod-eu', 'workloads-staging', 'main']);

  it('groups the audited stacks of one environment, the asked stack first', () => {
    expect(environmentStacks('workloads-prod', idx)).toEqual(['workloads-prod', 'platform-prod', 'edge-prod']);
  });

  it('keeps environments whose names share a prefix apart', () => {
    expect(environmentStacks('platform-prod-eu', idx)).toEqual(['platform-prod-eu']);
  });

  it('treats a stack named any other way as an environment of its own', () => {
    expect(environmentStacks('main', idx)).toEqual(['main']);
  });
});
