import { App } from 'cdktf';
import type { KitConfig } from '../config/schema';
import { stackName } from '../data/stack-names';
import { EdgeStack } from './edge-stack';
import { PlatformStack } from './platform-stack';
import { WorkloadsStack } from './workloads-stack';

export interface BuiltPlatform {
  readonly app: App;
  readonly platform: readonly PlatformStack[];
  /** `workloads-<env>` for every environment, in the same order as `platform` (none when built without them). */
  readonly workloads: readonly WorkloadsStack[];
  /** `edge-<env>` for every environment with an `edge` section. */
  readonly edge: readonly EdgeStack[];
}

export interface BuildOptions {
  readonly outdir?: string;
  readonly processEnv?: NodeJS.ProcessEnv;
  /**
   * Whether to build the workloads stacks (default true). No other stack
   * refers to them, so a caller that reads only the platform or edge stacks
   * (the evidence command) leaves them out and synthesizes in far less time.
   */
  readonly workloads?: boolean;
}

/**
 * Every environment's cdktf stacks in one app: `platform-<env>` and
 * `workloads-<env>` per environment, and `edge-<env>` (Cloudflare) for each
 * one with an `edge` section. The workloads stack reads the platform stack's
 * cluster and database by name, and the edge stack takes the origin load
 * balancer's IP from the platform stack by cross-stack reference; both depend
 * on the platform stack, so `cdktf deploy` applies it first.
 */
export function buildCdktfApp(config: KitConfig, options: BuildOptions = {}): BuiltPlatform {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const common = { project: config.project, state: config.state, processEnv: options.processEnv };
  const platform = config.environments.map((env) => new PlatformStack(app, stackName('platform', env.name), { ...common, env }));
  const workloads = ((options.workloads ?? true) ? platform : []).map((stack, i) => {
    const env = config.environments[i];
    const workload = new WorkloadsStack(app, stackName('workloads', env.name), { ...common, env });
    // No reference crosses (data sources by name), so the order is declared: the cluster must exist before its plan.
    workload.addDependency(stack);
    return workload;
  });
  const edge = platform.flatMap((stack, i) => {
    const env = config.environments[i];
    if (!env.edge || !stack.originLoadBalancer) return [];
    return [new EdgeStack(app, stackName('edge', env.name), { ...common, env, originIpv4: stack.originLoadBalancer.ipv4 })];
  });
  return { app, platform, workloads, edge };
}
