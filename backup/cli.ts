#!/usr/bin/env node
/**
 * `npm run backup -- run | rotate [--dry-run] | restore-drill [--now ISO]`
 * Exit codes: 0 done, 1 the operation failed, 2 a setting is missing or wrong.
 * `main` takes the environment and the log as arguments so tests call it
 * in-process with their own servers and clock.
 */
import { sendFailureAlert } from './alert';
import { loadDrillConfig, loadRotateConfig, loadRunConfig, type CommandOptions, type Env } from './config';
import { ConfigError, messageOf } from './errors';
import { consoleLog, type Log } from './log';
import { restoreDrills } from './restore-drill';
import { rotateBackups } from './rotate';
import { runBackups } from './run';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

const USAGE = 'usage: backup run | rotate [--dry-run] | restore-drill   (each takes --now <ISO time> to set the clock)';

const COMMANDS = {
  run: (env: Env, options: CommandOptions, log: Log) => runBackups(loadRunConfig(env, options), log),
  rotate: (env: Env, options: CommandOptions, log: Log) => rotateBackups(loadRotateConfig(env, options), log),
  'restore-drill': (env: Env, options: CommandOptions, log: Log) => restoreDrills(loadDrillConfig(env, options), log),
} as const;

type CommandName = keyof typeof COMMANDS;

export async function main(argv: readonly string[], env: Env, log: Log = consoleLog()): Promise<number> {
  let code: number;
  let message = 'see the job log for the failed step';
  try {
    const { command, options } = parseArguments(argv);
    code = (await COMMANDS[command](env, options, log)) ? EXIT_OK : EXIT_FAILED;
  } catch (err) {
    message = messageOf(err);
    log.error(message);
    code = err instanceof ConfigError ? EXIT_CONFIG : EXIT_FAILED;
  }
  if (code !== EXIT_OK) await sendFailureAlert(env, { command: argv[0] ?? '(none)', exitCode: code, message }, log);
  return code;
}

export function parseArguments(argv: readonly string[]): { command: CommandName; options: CommandOptions } {
  const [command, ...rest] = argv;
  if (command === undefined || !(command in COMMANDS)) {
    throw new ConfigError(`${command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`}; ${USAGE}`);
  }
  let now: string | undefined;
  let dryRun = false;
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index] as string;
    if (argument === '--dry-run' && command === 'rotate') dryRun = true;
    else if (argument.startsWith('--now=')) now = argument.slice('--now='.length);
    else if (argument === '--now' && rest[index + 1] !== undefined) now = rest[++index];
    else throw new ConfigError(`unknown argument ${JSON.stringify(argument)} for ${command}; ${USAGE}`);
  }
  return { command: command as CommandName, options: { now, dryRun } };
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
