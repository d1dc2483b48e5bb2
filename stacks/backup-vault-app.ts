/**
 * Synthesizes one `backup-vault-ENV` CloudFormation stack per environment into
 * a cloud assembly (`cdk.out/`), with cdk-nag 3 (AWS Solutions and NIST
 * 800-53 rev. 5) as validation plugins: any finding that is not acknowledged
 * stops the synth. Every finding, acknowledged or not, is returned so the
 * compliance report can show it next to our own controls.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations, type CfnResource } from 'aws-cdk-lib/core';
import { AwsSolutionsChecks, NagMessageLevel, NagRuleCompliance, NIST80053R5Checks } from 'cdk-nag';
import type { IApplyRule, NagPackProps, NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { KitConfig } from '../config/schema';
import { BackupVaultPropsError, resolveBackupVaultProps } from '../constructs/backup-vault';
import { backupVaultEnvironments } from './backup-vault-environments';
import { BackupVaultStack, backupVaultStackName, type BackupVaultEnvironment } from './backup-vault-stack';

export type { BackupVaultEnvironment } from './backup-vault-stack';
export { BackupVaultPropsError, backupVaultEnvironments };

/** One cdk-nag rule that a resource does not comply with. */
export interface NagFinding {
  readonly stack: string;
  /** CloudFormation logical id (the inventory address of the resource). */
  readonly resource: string;
  /** e.g. `AwsSolutions-S1`, `NIST.800.53.R5-S3BucketReplicationEnabled`, `AwsSolutions-IAM5[Resource::…]`. */
  readonly ruleId: string;
  readonly level: 'error' | 'warning';
  readonly acknowledged: boolean;
  /** The acknowledgement's reason, when acknowledged. */
  readonly reason?: string;
  /** What the rule found, in cdk-nag's words. */
  readonly message: string;
}

/** cdk-nag found something nobody acknowledged; the synth was stopped. */
export class BackupVaultNagError extends Error {
  constructor(readonly findings: readonly NagFinding[]) {
    super(
      `cdk-nag stopped the backup vault synth: ${findings.length} unacknowledged finding(s):\n` +
        findings.map((f) => `  - ${f.stack} ${f.resource} ${f.ruleId} (${f.level}): ${f.message}`).join('\n') +
        '\nFix the construct, or acknowledge the rule on the resource with Validations.of(resource).acknowledge({ id, reason }) and a specific reason.',
    );
    this.name = 'BackupVaultNagError';
  }
}

/** The reason `scope` or an ancestor acknowledges `ruleId` with, looked up the way cdk-nag does. */
function acknowledgementOf(scope: IConstruct, ruleId: string): string | undefined {
  for (let node: IConstruct | undefined = scope; node; node = node.node.scope) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        if (id.replace(/^annotation::/i, '') === ruleId) return reason;
      }
    }
  }
  return undefined;
}

/**
 * Collects every non-compliant rule result. cdk-nag 3 drops acknowledged
 * findings from its report and writes no report of its own, so the packs are
 * wrapped (`applyRule` is their protected extension point) to see each result
 * once, with the same rule id cdk-nag uses.
 */
class NagRecorder {
  private readonly found = new Map<string, NagFinding>();

  /** `params` with its rule wrapped to record its outcome; the rule id stays the same. */
  wrap(packName: string, params: IApplyRule): IApplyRule {
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const ruleId = `${packName}-${suffix}`;
    const rule = (node: CfnResource): NagRuleResult => {
      let result: NagRuleResult;
      try {
        result = params.rule(node);
      } catch (error) {
        this.record(node, ruleId, params, `the rule could not evaluate the resource: ${(error as Error).message}`);
        throw error;
      }
      if (result === NagRuleCompliance.NON_COMPLIANT) this.record(node, ruleId, params);
      else if (Array.isArray(result)) for (const finding of result) this.record(node, `${ruleId}[${finding}]`, params);
      return result;
    };
    return { ...params, ruleSuffixOverride: suffix, rule };
  }

  private record(node: CfnResource, ruleId: string, params: IApplyRule, message = params.info): void {
    const stack = Stack.of(node);
    const resource = stack.resolve(node.logicalId) as string;
    const reason = acknowledgementOf(node, ruleId);
    const finding: NagFinding = {
      stack: stack.stackName,
      resource,
      ruleId,
      level: params.level === NagMessageLevel.ERROR ? 'error' : 'warning',
      acknowledged: reason !== undefined,
      ...(reason !== undefined ? { reason } : {}),
      message,
    };
    // Keyed so a second synth of the same app does not count a finding twice.
    this.found.set(`${finding.stack}\0${resource}\0${ruleId}`, finding);
  }

  findings(): NagFinding[] {
    const key = (f: NagFinding) => `${f.stack}\0${f.resource}\0${f.ruleId}`;
    return [...this.found.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

/* The two packs, reporting every rule outcome to a recorder as well as to CDK's validation. */
class RecordingAwsSolutionsChecks extends AwsSolutionsChecks {
  constructor(scope: IConstruct, private readonly recorder: NagRecorder, props?: NagPackProps) {
    super(scope, props);
  }
  protected override applyRule(params: IApplyRule): void {
    super.applyRule(this.recorder.wrap(this.readPackName, params));
  }
}

class RecordingNist80053R5Checks extends NIST80053R5Checks {
  constructor(scope: IConstruct, private readonly recorder: NagRecorder, props?: NagPackProps) {
    super(scope, props);
  }
  protected override applyRule(params: IApplyRule): void {
    super.applyRule(this.recorder.wrap(this.readPackName, params));
  }
}

/** What the CloudFormation stack names allow, minus the `backup-vault-` prefix. */
const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const STAGES: readonly BackupVaultEnvironment['stage'][] = ['dev', 'staging', 'prod'];

/** Every problem of every environment, each naming the environment, the field, the value and what is allowed. */
function environmentProblems(envs: readonly BackupVaultEnvironment[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  envs.forEach((env, i) => {
    const where = `backup vault environments[${i}]${typeof env.name === 'string' ? ` ("${env.name}")` : ''}`;
    if (typeof env.name !== 'string' || !ENVIRONMENT_NAME.test(env.name)) {
      problems.push(`${where}: name is ${JSON.stringify(env.name)}; it must be 1-63 lower-case letters, digits and hyphens, starting with a letter.`);
    } else if (seen.has(env.name)) {
      problems.push(`${where}: name "${env.name}" is used twice; every environment needs its own stack ${backupVaultStackName(env.name)}.`);
    }
    seen.add(env.name);
    if (!STAGES.includes(env.stage)) problems.push(`${where}: stage is ${JSON.stringify(env.stage)}; it must be one of ${STAGES.join(', ')}.`);
    try {
      resolveBackupVaultProps({ retentionDays: env.retentionDays, writerPrefix: env.writerPrefix });
    } catch (error) {
      if (!(error instanceof BackupVaultPropsError)) throw error;
      problems.push(`${where}: ${error.message}`);
    }
  });
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  if (account !== undefined && account !== '' && !/^\d{12}$/.test(account)) {
    problems.push(`CDK_DEFAULT_ACCOUNT is ${JSON.stringify(account)}; it must be a 12-digit AWS account id, or unset for an environment-agnostic template.`);
  }
  return problems;
}

export interface BackupVaultApp {
  readonly app: App;
  readonly stacks: readonly BackupVaultStack[];
  /** Every cdk-nag finding; complete once the app has been synthesized. */
  nagFindings(): NagFinding[];
}

/**
 * Builds (without synthesizing) the app with one vault stack per environment
 * and cdk-nag registered. Throws BackupVaultPropsError listing every invalid
 * environment before any construct exists.
 */
export function buildBackupVaultApp(envs: readonly BackupVaultEnvironment[], outdir: string): BackupVaultApp {
  const problems = environmentProblems(envs);
  if (problems.length > 0) throw new BackupVaultPropsError(`Invalid backup vault configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const app = new App({
    outdir,
    // No version beacon in the templates, and stable snapshots.
    analyticsReporting: false,
    stackTraces: false,
    // CDK's own template schema check only warns unless opted into, and costs
    // seconds per synth; cdk-nag plus the kit's audit are the gate here.
    builtinCloudFormationValidation: false,
  });
  const recorder = new NagRecorder();
  Validations.of(app).addPlugins(
    // Acknowledgements also go into the template metadata (cdk_nag.rules_to_suppress), so an auditor reading only the template sees them.
    new RecordingAwsSolutionsChecks(app, recorder, { writeSuppressionsToCloudFormation: true }),
    new RecordingNist80053R5Checks(app, recorder),
  );
  const account = process.env.CDK_DEFAULT_ACCOUNT || undefined;
  const stacks = envs.map((environment) => new BackupVaultStack(app, { environment, account }));
  return { app, stacks, nagFindings: () => recorder.findings() };
}

/** `buildBackupVaultApp` for every environment of the config: what `main.ts` and the benchmark synthesize. */
export function buildConfiguredBackupVaultApp(config: KitConfig, outdir: string): BackupVaultApp {
  return buildBackupVaultApp(backupVaultEnvironments(config), outdir);
}

export interface BackupVaultSynthResult {
  /** Template paths, in environment order. */
  templates: string[];
  nagFindings: NagFinding[];
}

/**
 * Synthesizes a built vault app. Throws BackupVaultNagError listing the
 * findings when cdk-nag finds something unacknowledged (the assembly and its
 * `validation-report.json` stay in the outdir for inspection).
 */
export function synthBackupVaultApp({ app, stacks, nagFindings }: BackupVaultApp): BackupVaultSynthResult {
  let assembly;
  try {
    assembly = app.synth();
  } catch (error) {
    const open = nagFindings().filter((f) => !f.acknowledged);
    if (open.length > 0) throw new BackupVaultNagError(open);
    throw error;
  }
  const findings = nagFindings();
  const templates = stacks.map((stack) => assembly.getStackByName(stack.stackName).templateFullPath);
  // Beside each template, so the audit (TOM-VLT-13) and its reports show cdk-nag's verdicts too.
  for (const stack of stacks) {
    const own = findings.filter((f) => f.stack === stack.stackName);
    writeFileSync(join(assembly.directory, `${stack.stackName}.nag-findings.json`), `${JSON.stringify({ tool: 'cdk-nag', findings: own }, null, 2)}\n`);
  }
  return { templates, nagFindings: findings };
}

/**
 * Synthesizes one vault per environment into `outdir` (a cloud assembly whose
 * `manifest.json` records `aws://ACCOUNT/eu-central-1` for each stack; ACCOUNT
 * is `CDK_DEFAULT_ACCOUNT` or `unknown-account`) and returns the template
 * paths plus every cdk-nag finding. Throws BackupVaultPropsError for invalid
 * environments before anything is written, BackupVaultNagError for
 * unacknowledged cdk-nag findings.
 */
export function synthBackupVaults(envs: BackupVaultEnvironment[], outdir: string): BackupVaultSynthResult {
  if (envs.length === 0) return { templates: [], nagFindings: [] };
  return synthBackupVaultApp(buildBackupVaultApp(envs, outdir));
}
