#!/usr/bin/env node
/**
 * `npm run backup -- run | rotate [--dry-run] | restore-drill [--now ISO]`
 * Exit codes: 0 done, 1 the operation failed, 2 a setting is missing or wrong,
 * 128 + n stopped by signal n (143 for SIGTERM, 130 for SIGINT).
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
import { signalExitCode, stoppedBy } from './stop';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

const USAGE = 'usage: backup run | rotate [--dry-run] | restore-drill   (each takes --now <ISO time> to set the clock)';

const COMMANDS = {
  run: (env: Env, options: CommandOptions, log: Log, stop?: AbortSignal) => runBackups(loadRunConfig(env, options), log, stop),
  rotate: (env: Env, options: CommandOptions, log: Log, stop?: AbortSignal) => rotateBackups(loadRotateConfig(env, options), log, stop),
  'restore-drill': (env: Env, options: CommandOptions, log: Log, stop?: AbortSignal) => restoreDrills(loadDrillConfig(env, options), log, stop),
} as const;

type CommandName = keyof typeof COMMANDS;

/** Time between the first SIGTERM and exiting regardless; below Kubernetes' default 30 s grace period. */
const STOP_GRACE_MS = 20_000;
/** The failure alert after a signal must fit in the grace period too. */
const STOP_ALERT_TIMEOUT_MS = 5_000;

/**
 * Runs one command. `stop` is aborted (reason: the signal's name) when the
 * process receives SIGTERM or SIGINT: the command stops at its next safe
 * point, the alert says so, and the exit code is 128 + the signal number.
 */
export async function main(argv: readonly string[], env: Env, log: Log = consoleLog(), stop?: AbortSignal): Promise<number> {
  let code: number;
  let message = 'see the job log for the failed step';
  const command = argv[0] ?? '(none)';
  try {
    const parsed = parseArguments(argv);
    code = (await COMMANDS[parsed.command](env, parsed.options, log, stop)) ? EXIT_OK : EXIT_FAILED;
  } catch (err) {
    message = messageOf(err);
    log.error(message);
    code = err instanceof ConfigError ? EXIT_CONFIG : EXIT_FAILED;
  }
  const signal = stoppedBy(stop);
  if (signal) {
    code = signalExitCode(signal);
    message = stoppedMessage(command, signal);
    log.error(message);
  }
  if (code !== EXIT_OK) {
    await sendFailureAlert(env, { command, exitCode: code, message }, log, signal ? STOP_ALERT_TIMEOUT_MS : undefined);
  }
  return code;
}

function stoppedMessage(command: string, signal: string): string {
  return `${command} was stopped by ${signal} (pod eviction, the job's activeDeadlineSeconds, or a manual stop) before it finished; an upload in progress was aborted and has no manifest, so nothing incomplete counts as a backup`;
}

/** The process side of `main`: signals become the stop signal; a second one, or a stop that takes too long, exits at once. */
function runAsProcess(): void {
  const controller = new AbortController();
  const log = consoleLog();
  const env = process.env;
  const command = process.argv[2] ?? '(none)';
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signalExitCode(signal);
    if (controller.signal.aborted) process.exit(code);
    log.error(`received ${signal}: stopping ${command}`);
    controller.abort(signal);
    setTimeout(() => {
      log.error(`${command} did not stop within ${STOP_GRACE_MS / 1000} s of ${signal}; exiting now`);
      void sendFailureAlert(env, { command, exitCode: code, message: stoppedMessage(command, signal) }, log, STOP_ALERT_TIMEOUT_MS).finally(() => process.exit(code));
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  void main(process.argv.slice(2), env, log, controller.signal).then((code) => {
    // After a signal, exit now: a worker thread or a socket being torn down must not hold the pod.
    if (controller.signal.aborted) process.exit(code);
    process.exitCode = code;
  });
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

if (require.main === module) runAsProcess();
