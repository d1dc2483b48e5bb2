import { fail, notApplicable, pass, unknown } from '../../types';
import type { CheckResult, StackInfo, StackControl } from '../../types';
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

export const control: StackControl = {
  id: 'TOM-VLT-01',
  title: 'Vault stack deploys to an EU region',
  severity: 'critical',
  iso27001_2022: ['A.5.23', 'A.5.34'],
  iso27001_2013: ['A.18.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M1'],
  measure: 'Backups in the off-site vault are stored only in an EU region.',
  equivalents: [],
  rationale:
    'An environment-agnostic CloudFormation stack deploys to whatever region the deploying credentials default to; the region must be fixed in the template environment. Amazon Web Services is a US company: this is data location, not jurisdiction.',
  remediation: "Give the stack an explicit environment, e.g. `new BackupVaultStack(app, 'backup-vault-prod', { env: { region: 'eu-central-1' } })`.",
  area: 'aws',
  scope: 'stack',
  check: vaultStackRegion,
};
