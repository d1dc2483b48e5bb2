/**
 * What the runner tells the cluster's logs: human progress lines on stderr,
 * and exactly one JSON line on stdout per source and command (event, status,
 * bytes, duration, object key…) for log-based alerting and evidence.
 */
import { terminalSafe, terminalSafeJson } from './terminal-text';

export interface Log {
  progress(line: string): void;
  error(line: string): void;
  summary(record: Readonly<Record<string, unknown>>): void;
}

/**
 * Lines carry object keys, manifest fields and tool messages from outside:
 * they are escaped here, at the one place they leave the process, so no
 * caller can forget it (see terminal-text.ts).
 */
export function consoleLog(stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Log {
  return {
    progress: (line) => stderr.write(`backup: ${terminalSafe(line)}\n`),
    error: (line) => stderr.write(`backup: error: ${terminalSafe(line)}\n`),
    summary: (record) => stdout.write(`${terminalSafeJson(JSON.stringify(record))}\n`),
  };
}

/** Calls `report` at most every `intervalMs` while bytes flow (not on the injected clock: this is wall time). */
export function throttled(intervalMs: number, report: (bytes: number) => void): (bytes: number) => void {
  let last = Date.now();
  return (bytes) => {
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      report(bytes);
    }
  };
}

export function mebibytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
