import { fail, notApplicable, pass, unknown } from '../../types';
import type { CheckResult, StackInfo } from '../../types';
import { AWS_EU_REGIONS, isAwsEuRegion } from '../common/regions';

/**
 * Every CloudFormation stack deploys to an EU region, recorded explicitly
 * (`manifest.json` environment `aws://ACCOUNT/REGION`) or given with
 * `--aws-region`. A plain template, or an environment-agnostic CDK stack,
 * records none: its region is unknown (it deploys wherever the credentials
 * point), never a made-up pass or fail.
 */
export function vaultStackRegion(stack: StackInfo): CheckResult {
  if (stack.format !== 'cloudformation') return notApplicable('not a CloudFormation stack');
  const region = stack.region;
  if (region === undefined || region === '' || region === 'unknown-region') {
    return unknown(
      `no input records the region, so it deploys wherever the credentials point: pass \`--aws-region\`, or synthesize with an explicit env (allowed: ${AWS_EU_REGIONS.join(', ')})`,
      'region',
    );
  }
  if (!isAwsEuRegion(region)) return fail(`region "${region}" is not an EU region (allowed: ${AWS_EU_REGIONS.join(', ')})`, 'region');
  return pass(`deploys to ${region}`, 'region');
}
