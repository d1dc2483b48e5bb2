import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, StackInfo } from '../../types';
import { AWS_EU_REGIONS, isAwsEuRegion } from '../common/regions';

/**
 * Every CloudFormation stack deploys to an EU region, recorded explicitly
 * (`manifest.json` environment `aws://ACCOUNT/REGION`). An environment-agnostic
 * stack deploys wherever the deploying credentials point, so it fails.
 */
export function vaultStackRegion(stack: StackInfo): CheckResult {
  if (stack.format !== 'cloudformation') return notApplicable('not a CloudFormation stack');
  const region = stack.region;
  if (region === undefined || region === '' || region === 'unknown-region') {
    return fail(
      `the stack records no region, so it deploys wherever the credentials point (required: env { region } in ${AWS_EU_REGIONS.join(', ')})`,
      'region',
    );
  }
  if (!isAwsEuRegion(region)) return fail(`region "${region}" is not an EU region (allowed: ${AWS_EU_REGIONS.join(', ')})`, 'region');
  return pass(`deploys to ${region}`, 'region');
}
