/**
 * Reads the environment config, validates it and turns every problem into one
 * line a platform engineer can act on: the field path, the value found and
 * what is allowed. All problems are reported at once, never just the first.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { configSchema, type KitConfig } from './schema';
import { escapeText, showValue as show } from './show';

export const DEFAULT_CONFIG = resolve(__dirname, 'example.yaml');

/** Invalid or unreadable config. `problems` holds one line each; `message` all of them. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid config ${escapeText(file)}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `environments[1].network.adminCidrs[0]` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${escapeText(String(key))}` : escapeText(String(key))), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** One readable line for a zod issue, with the offending value looked up in the raw input. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path) || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${escapeText(k)}"`).join(', ')} (check the spelling against the config reference in README.md)`;
  }
  const value = valueAt(input, issue.path);
  if (value === undefined && issue.code === 'invalid_type') return `${where}: is required (${issue.expected} expected)`;
  if (issue.code === 'invalid_type' && typeof value === 'number' && !Number.isFinite(value)) {
    return `${where}: ${show(value)} is not allowed (a finite ${issue.expected} is expected)`;
  }
  if (issue.code === 'invalid_type') return `${where}: ${show(value)} is not a ${issue.expected}`;
  if (value === undefined) return `${where}: ${issue.message}`;
  // zod's own messages ("Too big: expected …") read as a sentence of their own.
  if (/^[A-Z]/.test(issue.message)) return `${where}: ${show(value)} is not allowed (${issue.message})`;
  return `${where}: ${show(value)} ${issue.message}`;
}

/** Validates an already-parsed document. Throws ConfigError listing every problem. */
export function parseConfig(input: unknown, file = '<inline>'): KitConfig {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = [...new Set(result.error.issues.map((i) => describeIssue(i, input)))];
  throw new ConfigError(file, problems);
}

/** An alias may expand to at most this many nodes in total; a real config needs a handful. */
const MAX_ALIAS_COUNT = 100;

/** Reads, parses and validates a YAML config file. Throws ConfigError on any problem. */
export function loadConfig(file: string): KitConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError(file, [`file not found (give an existing YAML file with --config FILE or TOM_CONFIG=FILE)`]);
  if (!statSync(path).isFile()) throw new ConfigError(file, ['is a directory, not a YAML file']);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot be read (${escapeText((err as NodeJS.ErrnoException).code ?? String(err))}): give a readable YAML file`]);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const where = (e: YAMLError) => `line ${e.linePos?.[0].line ?? '?'}, column ${e.linePos?.[0].col ?? '?'}`;
  // prettyErrors appends "at line L, column C:" and a code excerpt; the line says where once.
  const what = (e: YAMLError) => escapeText(e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
  const problems = [
    ...doc.errors.map((e) => `YAML syntax error at ${where(e)}: ${what(e)}`),
    // An unknown tag (`!!js/function acme`) would otherwise be read silently as the plain string.
    ...doc.warnings.map((e) => `YAML not accepted at ${where(e)}: ${what(e)} (the config is plain YAML: remove the tag)`),
  ];
  if (problems.length > 0) throw new ConfigError(file, problems);
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/alias/i.test(message)) {
      throw new ConfigError(file, [
        `YAML aliases (*name) expand to too many values (more than ${MAX_ALIAS_COUNT}): the file looks like an alias bomb; write the values out or use fewer aliases`,
      ]);
    }
    throw new ConfigError(file, [`is not a YAML document the kit can read (${escapeText(message.split('\n')[0])})`]);
  }
  return parseConfig(input, file);
}

/**
 * The config file to use: `--config FILE` on the command line, else the
 * `TOM_CONFIG` environment variable (for `cdktf synth` / `cdktf deploy`),
 * else the shipped example.
 */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const i = argv.indexOf('--config');
  if (i >= 0) {
    const value = argv[i + 1];
    if (!value || value.startsWith('--')) throw new ConfigError('--config', ['needs a file name: --config FILE']);
    return value;
  }
  const inline = argv.find((a) => a.startsWith('--config='));
  if (inline) return inline.slice('--config='.length);
  return env.TOM_CONFIG || DEFAULT_CONFIG;
}
