/**
 * Shared by the TOM annex tests: the example config synthesized once per run
 * (test/support/example-synth.ts), audited with a fixed clock, and golden files.
 */
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../../config/load';
import type { KitConfig } from '../../../config/schema';
import { auditPaths } from '../../../policies/gate';
import { annexModel } from '../../../policies/report/tom-annex/annex';
import type { TomAnnexModel } from '../../../policies/report/tom-annex/model';

/** The audit's clock in every annex test: the date printed in the goldens. */
export const AUDIT_CLOCK = new Date('2026-11-30T09:00:00Z');

export const exampleConfig = (): KitConfig => loadConfig(DEFAULT_CONFIG);

export { synthesizedExample, synthesizedPaths } from '../../support/example-synth';

export function modelFor(config: KitConfig, paths: string[]): TomAnnexModel {
  return annexModel(config, auditPaths({ paths, now: AUDIT_CLOCK }), paths);
}

import { expectGolden as expectGoldenIn } from '../report/golden';

export const GOLDEN_DIR = join(__dirname, '..', '..', 'fixtures', 'tom-annex');

/** `UPDATE_GOLDEN=1 npx jest test/policies/tom-annex` rewrites the goldens (review the diff before committing). */
export const expectGolden = (name: string, actual: string): void => expectGoldenIn(name, actual, GOLDEN_DIR, 'npx jest test/policies/tom-annex');
