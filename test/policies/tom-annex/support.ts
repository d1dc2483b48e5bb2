/**
 * Shared by the TOM annex tests: synthesize the example config once per test
 * file, audit it with a fixed clock, and compare golden files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../../config/load';
import type { KitConfig } from '../../../config/schema';
import { auditPaths } from '../../../policies/gate';
import { annexModel } from '../../../policies/report/tom-annex/annex';
import type { TomAnnexModel } from '../../../policies/report/tom-annex/model';
import { buildConfiguredBackupVaultApp, synthBackupVaultApp } from '../../../stacks/backup-vault-app';
import { buildCdktfApp } from '../../../stacks/platform-app';

/** The audit's clock in every annex test: the date printed in the goldens. */
export const AUDIT_CLOCK = new Date('2026-11-30T09:00:00Z');

export const exampleConfig = (): KitConfig => loadConfig(DEFAULT_CONFIG);

/** Synthesizes the config into `dir`; returns the paths the gate audits. */
export function synthesize(config: KitConfig, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const { app } = buildCdktfApp(config, { outdir: join(dir, 'cdktf.out'), processEnv: {} });
  const cdkOut = join(dir, 'cdk.out');
  const vaults = buildConfiguredBackupVaultApp(config, cdkOut);
  app.synth();
  synthBackupVaultApp(vaults);
  return [app.outdir, cdkOut];
}

export function modelFor(config: KitConfig, paths: string[]): TomAnnexModel {
  return annexModel(config, auditPaths({ paths, now: AUDIT_CLOCK }), paths);
}

import { expectGolden as expectGoldenIn } from '../report/golden';

export const GOLDEN_DIR = join(__dirname, '..', '..', 'fixtures', 'tom-annex');

/** `UPDATE_GOLDEN=1 npx jest test/policies/tom-annex` rewrites the goldens (review the diff before committing). */
export const expectGolden = (name: string, actual: string): void => expectGoldenIn(name, actual, GOLDEN_DIR, 'npx jest test/policies/tom-annex');
