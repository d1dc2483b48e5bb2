#!/usr/bin/env node
/**
 * `npm run evidence -- --env NAME [--config FILE] [--out DIR] [--base-url URL]
 *  [--max-retries N] [--max-time SECONDS]`
 *
 * Reads the live zone settings and rulesets of the environment's Cloudflare
 * zone (token from CLOUDFLARE_API_TOKEN), compares them with what `edge-NAME`
 * declares, and writes the drift findings in every audit report format.
 *
 * Exit codes as the audit: 0 no drift, 1 drift, 2 unusable input (usage,
 * config, missing token, an API answer that cannot be used; one line, no stack
 * trace, nothing written), 3 an internal error (a bug: printed with its stack).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../config/load';
import type { KitConfig } from '../config/schema';
import { InputError } from '../policies/errors';
import { terminalSafe, terminalSafeLines } from '../backup/terminal-text';
import { DEFAULT_BASE_URL } from './endpoints';
import { DEFAULT_MAX_TIME_S, MAX_MAX_TIME_S, MAX_RETRY_WAIT_MS, realSleep, type Pacing } from './pacing';

export const USAGE = `Usage: npm run evidence -- --env NAME [options]
  --env NAME          environment whose Cloudflare zone is compared (needs an edge section)
  --config FILE       config file (default TOM_CONFIG, else config/example.yaml)
  --out DIR           report folder (default reports/evidence-NAME)
  --base-url URL      Cloudflare API base URL (default CLOUDFLARE_BASE_URL, else ${DEFAULT_BASE_URL})
  --max-retries N     retries of a rate-limited (429) or failed request, 0-10 (default 2);
                      each wait at most ${MAX_RETRY_WAIT_MS / 1000} s (a longer retry-after gives up at once)
  --max-time SECONDS  time limit of the whole command, 1-${MAX_MAX_TIME_S} (default EVIDENCE_MAX_TIME, else ${DEFAULT_MAX_TIME_S})
Environment: CLOUDFLARE_API_TOKEN (required), a read-only token for the zone.
Exit codes: 0 no drift, 1 drift, 2 unusable input (also: the time limit was reached).`;

export interface EvidenceIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Clock for the reports; default now. */
  readonly now?: Date;
  /** Clock (ms) and sleep of the retries and the time limit; default the real ones (tests inject both). */
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The audit's exit codes (policies/gate.ts), not imported from there: this file must load without the catalogue. */
export const EXIT = { noDrift: 0, drift: 1, unusableInput: 2 } as const;

const DEFAULT_MAX_RETRIES = 2;
const TIMEOUT_MS = 30_000;

class UsageError extends InputError {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        env: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        'base-url': { type: 'string' },
        'max-retries': { type: 'string' },
        'max-time': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

function maxRetriesOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RETRIES;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 10) throw new UsageError(`--max-retries is "${value}"; allowed: a whole number from 0 to 10.`);
  return n;
}

function maxTimeOf(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const [value, from] = flag !== undefined ? [flag, '--max-time'] : env.EVIDENCE_MAX_TIME !== undefined ? [env.EVIDENCE_MAX_TIME, 'EVIDENCE_MAX_TIME'] : [undefined, ''];
  if (value === undefined) return DEFAULT_MAX_TIME_S;
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > MAX_MAX_TIME_S) {
    throw new UsageError(`${from} is "${terminalSafe(value)}"; allowed: a whole number of seconds from 1 to ${MAX_MAX_TIME_S}.`);
  }
  return n;
}

function baseUrlOf(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const [value, from] = flag !== undefined ? [flag, '--base-url'] : env.CLOUDFLARE_BASE_URL ? [env.CLOUDFLARE_BASE_URL, 'CLOUDFLARE_BASE_URL'] : [DEFAULT_BASE_URL, ''];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${from} is "${value}", not a URL; give the API base such as ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${from} is "${value}"; only http(s) URLs are allowed.`);
  return value.replace(/\/+$/, '');
}

function environmentOf(config: KitConfig, name: string, configFile: string) {
  const env = config.environments.find((e) => e.name === name);
  const known = config.environments.map((e) => e.name).join(', ');
  if (!env) throw new InputError(`environment "${name}" is not in ${configFile}; known environments: ${known}.`);
  if (!env.edge) throw new InputError(`environment "${name}" in ${configFile} has no edge section, so there is no Cloudflare zone to compare.`);
  return { env, edge: env.edge };
}

/** Runs the evidence CLI on `argv` (without node and the script); returns the exit code. */
export async function runEvidence(argv: readonly string[], env: NodeJS.ProcessEnv, io: EvidenceIo): Promise<number> {
  try {
    const values = parse(argv);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.noDrift;
    }
    if (!values.env) throw new UsageError('--env NAME is required.');
    const maxRetries = maxRetriesOf(values['max-retries']);
    const maxTimeS = maxTimeOf(values['max-time'], env);
    const baseURL = baseUrlOf(values['base-url'], env);
    const configFile = values.config ?? (env.TOM_CONFIG || DEFAULT_CONFIG);
    const config = loadConfig(configFile);
    const { edge } = environmentOf(config, values.env, configFile);
    const apiToken = env.CLOUDFLARE_API_TOKEN?.trim();
    if (!apiToken) {
      throw new InputError(
        `CLOUDFLARE_API_TOKEN is not set; export a read-only Cloudflare API token for zone ${edge.zoneId} (environment "${values.env}") to compare it with the stack.`,
      );
    }

    const clock = io.clock ?? Date.now;
    const expiry = new AbortController();
    const timer = setTimeout(() => expiry.abort(), maxTimeS * 1000);
    try {
      const pacing: Pacing = { maxRetries, maxTimeS, deadline: clock() + maxTimeS * 1000, expired: expiry.signal, clock, sleep: io.sleep ?? realSleep };
      // Loaded only now: the stacks, the catalogue and the SDK take seconds to load, and every check above answers without them.
      const { collectEvidence } = await import('./run');
      const { result, summary } = await collectEvidence({
        config,
        configFile,
        envName: values.env,
        api: { apiToken, baseURL, pacing, timeoutMs: TIMEOUT_MS },
        outDir: values.out ?? join('reports', `evidence-${values.env}`),
        now: io.now ?? new Date(),
      });
      io.stdout(summary);
      return result.summary.compliant ? EXIT.noDrift : EXIT.drift;
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`evidence: ${err.message}`);
      return EXIT.unusableInput;
    }
    if (!(err instanceof InputError)) throw err;
    io.stderr(`evidence: ${err.message}${err instanceof UsageError ? `\n${USAGE}` : ''}`);
    return EXIT.unusableInput;
  }
}

if (require.main === module) {
  // Findings and messages carry strings from the API: no control character reaches the terminal or the CI log raw.
  const io: EvidenceIo = {
    stdout: (text) => process.stdout.write(`${terminalSafeLines(text)}\n`),
    stderr: (text) => process.stderr.write(`${terminalSafeLines(text)}\n`),
  };
  runEvidence(process.argv.slice(2), process.env, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`evidence: internal error (a bug, please report it): ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
