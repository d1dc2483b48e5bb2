import { App } from 'cdktf';
import type { KitConfig } from '../config/schema';
import { EdgeStack } from './edge-stack';
import { PlatformStack } from './platform-stack';

export interface BuiltPlatform {
  readonly app: App;
  readonly platform: readonly PlatformStack[];
  /** `edge-<env>` for every environment with an `edge` section. */
  readonly edge: readonly EdgeStack[];
}

/**
 * Every environment's cdktf stacks in one app: `platform-<env>` per
 * environment, and `edge-<env>` (Cloudflare) for each one with an `edge`
 * section. The edge stack takes the origin load balancer's IP from the
 * platform stack by cross-stack reference, so `cdktf deploy` runs them in order.
 */
export function buildCdktfApp(config: KitConfig, options: { outdir?: string; processEnv?: NodeJS.ProcessEnv } = {}): BuiltPlatform {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const common = { project: config.project, state: config.state, processEnv: options.processEnv };
  const platform = config.environments.map((env) => new PlatformStack(app, `platform-${env.name}`, { ...common, env }));
  const edge = platform.flatMap((stack, i) => {
    const env = config.environments[i];
    if (!env.edge || !stack.originLoadBalancer) return [];
    return [new EdgeStack(app, `edge-${env.name}`, { ...common, env, originIpv4: stack.originLoadBalancer.ipv4 })];
  });
  return { app, platform, edge };
}
