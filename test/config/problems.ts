/** Validates a mutated copy of the example config and returns its problem lines (none: valid). */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../config/load';

// Parsed once per test file; every caller gets its own deep copy to mutate.
const EXAMPLE: unknown = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));

export const example = (): any => structuredClone(EXAMPLE);

export function problems(mutate: (cfg: any) => void): string[] {
  const cfg = example();
  mutate(cfg);
  try {
    parseConfig(cfg, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}
