/**
 * Work that every test file of a jest run would otherwise repeat (initdb, a
 * full synth of the example config), done once per run: the first worker to
 * claim `name` builds it in a folder of its own and renames that into
 * `<TOM_TEST_RUN_DIR>/<name>` (atomic); every other caller waits for the
 * rename and reuses the folder. The run folder is made by the global setup and
 * removed by the global teardown. What is shared must only be read.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const WAIT_MS = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The run's folder, or undefined outside a jest run with the global setup. */
export function runDir(): string | undefined {
  const dir = process.env.TOM_TEST_RUN_DIR;
  return dir && existsSync(dir) ? dir : undefined;
}

/**
 * The folder `build` filled, built once per run. Without a run folder (a
 * caller outside jest) it builds in a temp folder every time.
 */
export async function oncePerRun(name: string, build: (dir: string) => Promise<void> | void, fallbackParent: string): Promise<string> {
  const run = runDir();
  if (!run) {
    const dir = mkdtempSync(path.join(fallbackParent, `${name}-`));
    await build(dir);
    return dir;
  }
  const target = path.join(run, name);
  let claimed = false;
  try {
    mkdirSync(`${target}.lock`);
    claimed = true;
  } catch {
    // Another worker (or an earlier file in this worker) builds it.
  }
  if (claimed) {
    const dir = mkdtempSync(`${target}.building-`);
    try {
      await build(dir);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      // Waiting callers stop at once instead of after the time limit.
      mkdirSync(`${target}.failed`, { recursive: true });
      throw err;
    }
    renameSync(dir, target);
    return target;
  }
  for (let waited = 0; !existsSync(target); waited += 100) {
    if (existsSync(`${target}.failed`)) throw new Error(`building ${name} for this test run failed in another test file; see its error`);
    if (waited > WAIT_MS) throw new Error(`${target} did not appear within ${WAIT_MS / 1000} s: the test file building it may have hung`);
    await sleep(100);
  }
  return target;
}
