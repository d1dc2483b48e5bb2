/**
 * The Chromium that prints the TOM annex to PDF and that the browser tests
 * drive: one way to find it, found in this order:
 *   1. CHROMIUM_PATH (must work if set: a wrong setting is an error, not a fallback);
 *   2. a system Chromium or Chrome at the usual Linux and macOS paths;
 *   3. on Linux x64, the build the @sparticuz/chromium devDependency ships,
 *      unpacked once into the temp folder, with its bundled shared libraries
 *      (NSS, NSPR, expat) put on LD_LIBRARY_PATH when the system lacks any.
 * TOM_TEST_BROWSER=bundled skips 1 and 2, to prove the fallback on a machine
 * that has a system browser. Nothing found is a one-line error naming the ways
 * to provide one; the caller's test fails with it, it is never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

export interface BrowserChoice {
  readonly executablePath: string;
  /** Environment for the browser process (process.env plus any library path). */
  readonly env: Record<string, string>;
  /** Where it came from, for the test log. */
  readonly source: string;
}

const HOW_TO_PROVIDE =
  'set CHROMIUM_PATH to a Chromium or Chrome executable, install one (Debian: apt-get install chromium; macOS: Google Chrome in /Applications), or run `npm ci` on Linux x64 so the @sparticuz/chromium devDependency supplies one';

const SYSTEM_BROWSERS: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    path.join(os.homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'),
  ],
};

/**
 * Headless, no sandbox (tests run as root in CI), and nothing that phones
 * home: the machines that run the tests may have no network at all.
 * playwright-core gives every launch a fresh temporary user-data-dir itself.
 */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const baseEnv = definedOnly(env);
  if (env.TOM_TEST_BROWSER !== 'bundled') {
    const configured = env.CHROMIUM_PATH;
    if (configured !== undefined && configured !== '') {
      if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${JSON.stringify(configured)} is not an executable file: point it at a Chromium or Chrome binary, or unset it.`);
      return { executablePath: configured, env: baseEnv, source: `CHROMIUM_PATH (${configured})` };
    }
    const system = (SYSTEM_BROWSERS[process.platform] ?? []).find(isExecutable);
    if (system) return { executablePath: system, env: baseEnv, source: `system browser ${system}` };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`No Chromium found for the browser on ${process.platform}-${process.arch}: ${HOW_TO_PROVIDE}.`);
  }
  return bundledChromium(baseEnv);
}

export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<{ browser: Browser; choice: BrowserChoice }> {
  const choice = findBrowser(env);
  try {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: choice.executablePath, env: choice.env, args: BROWSER_ARGS });
    return { browser, choice };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`Chromium from ${choice.source} did not start (${first}); ${HOW_TO_PROVIDE}.`);
  }
}

/**
 * @sparticuz/chromium is an ES module that unpacks into os.tmpdir(); it runs
 * in a child node with TMPDIR pointing at a staging folder, which is then
 * renamed into place, so a half-unpacked browser is never used and parallel
 * runs do not race.
 */
function bundledChromium(baseEnv: Record<string, string>): BrowserChoice {
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    throw new Error(`No Chromium found for the browser (no CHROMIUM_PATH, no system browser, @sparticuz/chromium not installed): ${HOW_TO_PROVIDE}.`);
  }
  const version = (JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const cache = path.join(os.tmpdir(), `tom-kit-chromium-${version}-${os.userInfo().uid}`);
  if (!existsSync(path.join(cache, 'chromium'))) unpack(entry, cache);
  const executablePath = path.join(cache, 'chromium');
  const bundledLibs = path.join(cache, 'al2023', 'lib');
  const source = `@sparticuz/chromium ${version} (${cache})`;
  if (missingLibraries(executablePath, baseEnv).length === 0) return { executablePath, env: baseEnv, source };
  const withLibs = { ...baseEnv, LD_LIBRARY_PATH: [bundledLibs, baseEnv.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const stillMissing = missingLibraries(executablePath, withLibs);
  if (stillMissing.length > 0) {
    throw new Error(`The bundled Chromium in ${cache} needs shared libraries this system lacks: ${stillMissing.join(', ')}; ${HOW_TO_PROVIDE}.`);
  }
  return { executablePath, env: withLibs, source: `${source} with its bundled libraries` };
}

function unpack(entry: string, cache: string): void {
  const staging = mkdtempSync(`${cache}.unpacking-`);
  const script = [
    `import chromium, { inflate } from ${JSON.stringify(pathToFileURL(entry).href)};`,
    `import { join } from 'node:path';`,
    'await chromium.executablePath();',
    // The NSS/NSPR/expat bundle is unpacked by the package only on AWS Lambda.
    `await inflate(join(${JSON.stringify(path.join(path.dirname(entry), '..', 'bin'))}, 'al2023.tar.br'));`,
  ].join('\n');
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging }, stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(staging, cache);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run finished first: use its copy.
    if (existsSync(path.join(cache, 'chromium'))) return;
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(error);
    throw new Error(`Unpacking @sparticuz/chromium into ${cache} failed (${detail}); ${HOW_TO_PROVIDE}.`);
  }
}

/** Sonames `ldd` cannot resolve; without ldd, assume none (the launch itself will say). */
function missingLibraries(file: string, env: Record<string, string>): string[] {
  const run = spawnSync('ldd', [file], { env, encoding: 'utf8' });
  if (run.error || run.status !== 0) return [];
  return [...run.stdout.matchAll(/^\s*(\S+) => not found/gm)].map((m) => m[1] as string);
}

/** An executable regular file (links followed). */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
