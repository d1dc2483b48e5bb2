/**
 * HCL files are parsed on worker threads, several at a time; the outcome must
 * be the one of parsing them one by one in order: the same documents, and the
 * first bad file (in the order given) is the error, whichever worker finished
 * first. A parser that does not answer is reported, never waited on forever.
 */
import { join } from 'node:path';
import { parseHclFiles, type HclCache } from '../../../policies/readers/terraform-module/hcl';
import { closeSparePool, HclParserPool, parseOnWorkers, workersFor, type ParseAnswer } from '../../../policies/readers/terraform-module/hcl-parser';
import { readTerraformModules, readTerraformModulesSync, splitTerraformFiles } from '../../../policies/readers/terraform-module';
import { moduleDir, removeModuleDirs } from './tmp-module';

afterAll(removeModuleDirs);

const shown = (f: string): string => f.slice(f.lastIndexOf('/') + 1);

const resourceFile = (i: number): string =>
  `resource "digitalocean_droplet" "d${i}" {\n  count  = ${i % 3}\n  name   = "web-\${count.index}"\n  region = var.region\n  tags   = [for t in local.tags : upper(t)]\n}\n`;

/** `n` files `f000.tf`… with one droplet each, plus `extra` files by name. */
function files(n: number, extra: Record<string, string> = {}): string[] {
  const spec: Record<string, string> = { ...extra };
  for (let i = 0; i < n; i++) spec[`f${String(i).padStart(3, '0')}.tf`] = resourceFile(i);
  const dir = moduleDir(spec);
  return Object.keys(spec)
    .sort()
    .map((name) => join(dir, name));
}

async function parsed(list: string[], workers: number): Promise<HclCache> {
  const cache: HclCache = new Map();
  await parseHclFiles(list, cache, shown, { workers });
  return cache;
}

const errorOf = (list: string[], workers: number): Promise<string> =>
  parsed(list, workers).then(
    () => 'no error',
    (err: Error) => err.message,
  );

describe('parsing HCL on worker threads', () => {
  it('gives the same documents, by file, on one worker and on several', async () => {
    const list = files(40);
    const one = await parsed(list, 1);
    const three = await parsed(list, 3);
    expect([...three.keys()].sort()).toEqual(list);
    expect(three).toEqual(one);
    expect(one.get(list[7])).toEqual({
      resource: { digitalocean_droplet: { d7: [{ count: 1, name: 'web-${count.index}', region: '${var.region}', tags: '${[for t in local.tags : upper(t)]}' }] } },
    });
  });

  it('reports the first bad file in order, with line and column, however the work is shared', async () => {
    // The early bad file is large, so a worker finishes the later one first.
    const slow = Array.from({ length: 100 }, (_, i) => resourceFile(i + 1000)).join('\n');
    const list = files(30, { 'f004-bad.tf': `${slow}resource "x" "y" {\n  a = \n}\n`, 'f020-bad.tf': 'resource "x" "y" {\n  b = = 1\n}\n' });
    for (const workers of [1, 2, 4]) {
      const message = await errorOf(list, workers);
      expect(message).toMatch(/^f004-bad\.tf: not valid HCL at line \d+, column 7: Invalid expression/);
    }
  });

  it('a refusal before parsing (nesting) and a syntax error keep their order', async () => {
    const deep = `locals {\n  x = ${'['.repeat(300)}${']'.repeat(300)}\n}\n`;
    expect(await errorOf(files(6, { 'f001-deep.tf': deep, 'f004-bad.tf': 'a = \n' }), 2)).toMatch(/^f001-deep\.tf: brackets nest deeper than 256 levels at line 2/);
    expect(await errorOf(files(6, { 'f001-bad.tf': 'a = \n', 'f004-deep.tf': deep }), 2)).toMatch(/^f001-bad\.tf: not valid HCL at line 1/);
  });

  it('a file that cannot be read is named, and a bad file before it still wins', async () => {
    const list = files(4);
    const gone = join(list[0], '..', 'f001-gone.tf');
    expect(await errorOf([list[0], gone, ...list.slice(1)], 2)).toBe('f001-gone.tf: cannot be read (ENOENT).');
    const bad = files(1, { 'f000-bad.tf': 'a = \n' })[0];
    expect(await errorOf([bad, gone], 2)).toMatch(/^f000-bad\.tf: not valid HCL at line 1/);
  });

  it('a parser that does not answer in time is reported by file, not waited for', async () => {
    const list = files(3);
    const cache: HclCache = new Map();
    // A fresh worker (its Go runtime still starting) cannot answer within 1 ms; a warm spare one might.
    await closeSparePool();
    await expect(parseHclFiles(list, cache, shown, { workers: 1, timeoutMs: 1 })).rejects.toThrow(
      /^f000\.tf: the HCL parser did not answer within 0\.001 s; the audit stops rather than hang/,
    );
    expect(cache.size).toBe(0);
  });

  it('a file that exhausts the parser is answered as such (past the nesting pre-check), and the next run has a fresh parser', async () => {
    const answers: [number, ParseAnswer['kind']][] = [];
    const deep = `a = ${'('.repeat(20000)}1${')'.repeat(20000)}\n`;
    await parseOnWorkers([{ name: 'deep.tf', text: deep }, { name: 'ok.tf', text: 'a = 1\n' }], (i, a) => answers.push([i, a.kind]), { timeoutMs: 60_000, workers: 1 });
    expect(answers).toEqual([[0, 'crashed']]);
    expect(await parsed(files(1), 1)).toHaveProperty('size', 1);
  });

  it('a pool serves several rounds (a module, then its child modules), and none after its parser stopped', async () => {
    const pool = new HclParserPool(2);
    try {
      const kinds: string[] = [];
      const note = (i: number, a: ParseAnswer) => kinds.push(`${i}:${a.kind}`);
      await pool.parse([{ name: 'a.tf', text: 'a = 1\n' }, { name: 'b.tf', text: 'b = \n' }], note, { timeoutMs: 60_000 });
      await pool.parse([{ name: 'c.tf', text: 'c = 1\n' }], note, { timeoutMs: 60_000 });
      expect(kinds.sort()).toEqual(['0:ok', '0:ok', '1:invalid']);
      await pool.parse([{ name: 'deep.tf', text: `a = ${'('.repeat(20000)}1${')'.repeat(20000)}\n` }], note, { timeoutMs: 60_000 });
      expect(kinds).toContain('0:crashed');
      await expect(pool.parse([{ name: 'd.tf', text: 'd = 1\n' }], note, { timeoutMs: 60_000 })).rejects.toThrow(/no further file is parsed/);
    } finally {
      await pool.close();
    }
  });

  it('files already in the cache are not parsed again; no files is no work', async () => {
    const list = files(3);
    const cache: HclCache = new Map([[list[1], { sentinel: true }]]);
    await parseHclFiles(list, cache, shown, { workers: 2 });
    expect(cache.get(list[1])).toEqual({ sentinel: true });
    expect(cache.size).toBe(3);
    await parseHclFiles([], cache, shown);
  });

  it('starts one worker per core at most, and none for want of text', () => {
    expect(workersFor(100, 1, 8)).toBe(1);
    expect(workersFor(1_400_000, 1000, 2)).toBe(2);
    expect(workersFor(1_400_000, 1000, 64)).toBe(4);
    expect(workersFor(200_000, 1000, 64)).toBe(2);
    expect(workersFor(10_000_000, 1, 8)).toBe(1);
  });
});

describe('roots evaluated while later files are parsed', () => {
  it('give the resources that evaluating after all parsing gives, child modules and variable files included', async () => {
    const base = moduleDir({
      'app/main.tf': 'variable "region" {}\nmodule "db" {\n  source = "./modules/db"\n  region = var.region\n}\nresource "digitalocean_vpc" "v" {\n  name   = "v"\n  region = var.region\n}\n',
      'app/terraform.tfvars': 'region = "fra1"\n',
      'app/modules/db/main.tf': 'variable "region" {}\nresource "digitalocean_database_cluster" "this" {\n  name   = "db"\n  engine = "pg"\n  region = var.region\n}\n',
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`svc/r${i}.tf`, resourceFile(i)])),
      'svc/vars.tf': 'variable "region" {\n  default = "ams3"\n}\nlocals {\n  tags = ["a", "b"]\n}\n',
    }, 'tree');
    const walked = ['app/main.tf', 'app/modules/db/main.tf', ...Array.from({ length: 12 }, (_, i) => `svc/r${i}.tf`), 'svc/vars.tf'].map((f) => ({ file: join(base, f), explicit: false }));
    const { groups } = splitTerraformFiles(walked);
    const early = await readTerraformModules(groups, {}, shown);
    const hcl: HclCache = new Map();
    await parseHclFiles([...walked.map((w) => w.file), join(base, 'app/terraform.tfvars')], hcl, shown);
    const after = readTerraformModulesSync(groups, {}, shown, hcl);
    expect(early).toEqual(after);
    expect(early.flatMap((r) => r.resources.map((x) => `${x.address} ${String(x.values.region)}`))).toEqual(
      expect.arrayContaining(['module.db.digitalocean_database_cluster.this fra1', 'digitalocean_vpc.v fra1', 'digitalocean_droplet.d1[0] ams3']),
    );
    expect(early.map((r) => r.stack.name).sort()).toEqual(['app', 'svc']);
  });
});

describe('the spare parser pool', () => {
  it('is reused by the next parse while usable, and replaced once a file broke it', async () => {
    const { acquirePool, releasePool } = await import('../../../policies/readers/terraform-module/hcl-parser');
    await closeSparePool();
    const first = acquirePool(1);
    releasePool(first);
    expect(acquirePool(1)).toBe(first);
    // A pool whose parser a file stopped is never handed out again.
    const kinds: string[] = [];
    const deep = `a = ${'('.repeat(20000)}1${')'.repeat(20000)}\n`;
    await first.parse([{ name: 'deep.tf', text: deep }], (_i, a) => kinds.push(a.kind), { timeoutMs: 60_000 });
    expect(kinds).toEqual(['crashed']);
    expect(first.usable).toBe(false);
    releasePool(first);
    const next = acquirePool(1);
    expect(next).not.toBe(first);
    releasePool(next);
    await closeSparePool();
  });
});
