/**
 * A kit entry point as a real process runs it: the compiled JavaScript in
 * dist/, kept current by the jest global setup (test/support/global-setup.js).
 * `compiledArgs('main.ts', '--config', f)` → node arguments for spawn.
 */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

/** `main.ts` → `<root>/dist/main.js`. */
export const compiledEntry = (source: string): string => join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));

/** Arguments for `spawn(process.execPath, …)`: the compiled entry, then its own arguments. */
export const compiledArgs = (source: string, ...args: string[]): string[] => [compiledEntry(source), ...args];
