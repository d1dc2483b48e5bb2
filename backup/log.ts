/**
 * What the runner tells the cluster's logs: human progress lines on stderr,
 * and exactly one JSON line on stdout per source and command (event, status,
 * bytes, duration, object key…) for log-based alerting and evidence.
 */
export interface Log {
  progress(line: string): void;
  error(line: string): void;
  summary(record: Readonly<Record<string, unknown>>): void;
}

export function consoleLog(stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Log {
  return {
    progress: (line) => stderr.write(`backup: ${line}\n`),
    error: (line) => stderr.write(`backup: error: ${line}\n`),
    summary: (record) => stdout.write(`${JSON.stringify(record)}\n`),
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
