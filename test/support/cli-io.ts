/** A CLI's stdout and stderr captured as lines, for `runCli(argv, cli)`. */
import type { CliIo } from '../../policies/cli';

export function captureIo(): { cli: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  return { cli, out, err };
}
