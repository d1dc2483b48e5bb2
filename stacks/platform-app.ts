import { App } from 'cdktf';
import type { KitConfig } from '../config/schema';
import { PlatformStack } from './platform-stack';

export interface BuiltPlatform {
  readonly app: App;
  readonly platform: readonly PlatformStack[];
}

/** Every environment's cdktf stacks in one app: `platform-<env>` per environment. */
export function buildCdktfApp(config: KitConfig, options: { outdir?: string; processEnv?: NodeJS.ProcessEnv } = {}): BuiltPlatform {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const platform = config.environments.map(
    (env) => new PlatformStack(app, `platform-${env.name}`, { project: config.project, state: config.state, env, processEnv: options.processEnv }),
  );
  return { app, platform };
}
