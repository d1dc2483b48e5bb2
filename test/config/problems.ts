/** Validates a mutated copy of the example config and returns its problem lines (none: valid). */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../config/load';

export const example = (): any => parse(readFileSync(DEFAULT_CONFIG, 'utf8'));

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
