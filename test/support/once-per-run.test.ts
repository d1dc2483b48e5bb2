/** The once-per-run helper the backup and synth tests share expensive folders through. */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oncePerRun, runDir } from './once-per-run';

const unique = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;

describe('oncePerRun', () => {
  it('runs in the folder the global setup made', () => {
    expect(runDir()).toBe(process.env.TOM_TEST_RUN_DIR);
  });

  it('builds once for concurrent callers, who all get the same folder', async () => {
    let builds = 0;
    const build = async (dir: string) => {
      builds += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      writeFileSync(join(dir, 'made'), 'yes');
    };
    const name = unique('shared');
    const folders = await Promise.all([oncePerRun(name, build, tmpdir()), oncePerRun(name, build, tmpdir()), oncePerRun(name, build, tmpdir())]);
    expect(builds).toBe(1);
    expect(new Set(folders).size).toBe(1);
    expect(readFileSync(join(folders[0], 'made'), 'utf8')).toBe('yes');
  });

  it('a failed build fails its caller and every waiting one, and leaves no folder behind', async () => {
    const name = unique('broken');
    const builder = oncePerRun(name, () => Promise.reject(new Error('initdb failed')), tmpdir());
    const waiter = oncePerRun(name, () => undefined, tmpdir());
    await expect(builder).rejects.toThrow('initdb failed');
    await expect(waiter).rejects.toThrow(`building ${name} for this test run failed in another test file`);
  });
});
