/**
 * The cdktf app. `npm run synth`, `cdktf synth` and `cdktf deploy` all run
 * this file: load and validate the config, build every environment's stacks,
 * synthesize, then audit what was synthesized. A config error exits 2 before
 * anything is written; a failing critical/high control exits 1, which stops
 * `cdktf deploy` before Terraform runs.
 */
import { ConfigError, configPathFrom, loadConfig } from './config/load';
import type { KitConfig } from './config/schema';
import { buildCdktfApp } from './stacks/platform-app';

function readConfig(): KitConfig {
  try {
    return loadConfig(configPathFrom(process.argv.slice(2), process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nNothing was synthesized.\n`);
      process.exit(2);
    }
    throw err;
  }
}

function main(): void {
  const config = readConfig();
  const { app } = buildCdktfApp(config, { outdir: process.env.CDKTF_OUTDIR });
  app.synth();
  process.stdout.write(`Synthesized ${config.environments.length} environment(s) into ${app.outdir}\n`);
}

main();
