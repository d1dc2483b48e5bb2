/**
 * Issue 14, the gate's input side: whatever it is pointed at, the audit exits
 * 0 (compliant), 1 (failed), or 2 with one line naming what is unusable;
 * never "compliant" for something it did not read, never a hang, never a
 * stack trace. Each test is named after its case; siblings say which case.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type CliIo } from '../../../policies/cli';
import { runGate } from '../../../policies/gate';
import { NODE_FS, type InputFs } from '../../../policies/input-files';
import { FAKE_CONTROLS } from './fake-controls';
import { compiledArgs } from '../../support/compiled';

const NOW = new Date('2025-06-01T12:00:00Z');

async function cli(argv: string[], extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), controls: FAKE_CONTROLS, now: NOW, ...extra };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Exit 2, nothing on stdout, exactly one line on stderr matching `message`, no stack trace. */
async function expectUnusable(argv: string[], message: RegExp, extra: Partial<CliIo> = {}): Promise<string> {
  const r = await cli(argv, extra);
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr.split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^audit: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  return r.stderr;
}

/** Exit 2 for a usage error: the message line, then the usage. */
async function expectUsage(argv: string[], message: RegExp): Promise<void> {
  const r = await cli(argv);
  expect(r).toMatchObject({ code: 2, stdout: '' });
  const [first, second] = r.stderr.split('\n');
  expect(first).toMatch(message);
  expect(second).toMatch(/^Usage: /);
}

const vpc = (region: string) => ({ name: 'main', region, ip_range: '10.10.0.0/20' });
/** A cdktf stack with one VPC: compliant in `fra1`, failing FAKE-REG-01 (critical) elsewhere. */
const stackJson = (region = 'fra1', name = 'main'): string => JSON.stringify({ resource: { digitalocean_vpc: { [name]: vpc(region) } } });

describe('issue 14: the gate on hostile input', () => {
  let dir: string;
  let n = 0;
  /** A fresh folder per test. */
  const fresh = (): string => {
    const d = join(dir, `t${(n += 1)}`);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const write = (path: string, text: string): string => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const mkfifo = (path: string): string => {
    mkdirSync(dirname(path), { recursive: true });
    const r = spawnSync('mkfifo', [path]);
    if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('case 1 and 12: JSON the audit cannot read completely', () => {
    it('case 1: duplicate "resource" keys in a cdk.tf.json exit 2 in one line, not audited as the last one', async () => {
      const file = write(join(fresh(), 'cdk.tf.json'), `{"resource": ${JSON.stringify({ digitalocean_vpc: { us: vpc('nyc3') } })},\n "resource": ${JSON.stringify({ digitalocean_vpc: { eu: vpc('fra1') } })}}`);
      await expectUnusable([file], /cdk\.tf\.json: duplicate key "resource" at line 2, column 2 \(first at line 1, column 2\)/);
    });

    it('case 1 sibling: a duplicate key deep inside a stack found by a folder walk exits 2', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'x', 'cdk.tf.json'), '{"resource":{"digitalocean_vpc":{"a":{"region":"nyc3","region":"fra1"}}}}');
      await expectUnusable([d], /stacks\/x\/cdk\.tf\.json: duplicate key "region"/);
    });

    it('case 12: JSON nested 3,000 deep exits 2 in one line, not a stack overflow', async () => {
      const file = write(join(fresh(), 'deep.tf.json'), `{"resource":${'['.repeat(3000)}${']'.repeat(3000)}}`);
      await expectUnusable([file], /deep\.tf\.json: nested more than 256 levels deep at line 1, column/);
    });

    it('case 12 sibling: a waivers YAML nested 3,000 deep exits 2 in one line', async () => {
      const d = fresh();
      write(join(d, 'cdk.tf.json'), stackJson());
      const waivers = write(join(d, 'waivers.yaml'), `${'['.repeat(3000)}${']'.repeat(3000)}`);
      await expectUnusable([join(d, 'cdk.tf.json'), '--waivers', waivers], /waivers\.yaml: not valid YAML/);
    });
  });

  describe('case 11: waivers that would switch a control off', () => {
    let bad: string;
    beforeAll(() => {
      bad = write(join(dir, 'waiver-case', 'cdk.tf.json'), stackJson('nyc3'));
    });
    const waiverFile = (fields: Record<string, string>): string => {
      const w = { control: 'FAKE-REG-01', resource: 'digitalocean_vpc.main', reason: 'Accepted until the EU replacement region is provisioned.', owner: 'ops', expires: '2025-12-31', ...fields };
      return write(join(fresh(), 'waivers.yaml'), `- ${Object.entries(w).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n  ')}\n`);
    };

    it('case 11: resource "*" is refused (exit 2) unless the waiver says scope: all', async () => {
      await expectUnusable([bad, '--waivers', waiverFile({ resource: '*' })], /waiver 1 \(FAKE-REG-01\): `resource` is "\*"; it matches every resource/);
      expect((await cli([bad, '--waivers', waiverFile({ resource: '*', scope: 'all' })])).code).toBe(0);
      expect((await cli([bad, '--waivers', waiverFile({})])).code).toBe(0);
    });

    it('case 11: expires 9999-12-31 waives nothing and fails the run (exit 1), saying why', async () => {
      const r = await cli([bad, '--waivers', waiverFile({ expires: '9999-12-31' }), '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n')).toEqual([
        'FAKE-REG-01 digitalocean_vpc.main: region "nyc3" is outside the EU',
        expect.stringMatching(/^FAKE-REG-01 digitalocean_vpc\.main: waiver runs until 9999-12-31, past the longest lifetime of 365 days \(latest 2026-06-01\)/),
      ]);
    });

    it('case 11 sibling: --max-waiver-days sets the lifetime; anything but a whole number from 1 to 3650 is a usage error', async () => {
      expect((await cli([bad, '--waivers', waiverFile({ expires: '2025-07-15' }), '--max-waiver-days', '30'])).code).toBe(1);
      expect((await cli([bad, '--waivers', waiverFile({ expires: '2025-07-15' }), '--max-waiver-days', '60'])).code).toBe(0);
      for (const days of ['0', '3651', '1e3', '-5', '30.5', '']) {
        const r = await cli([bad, `--max-waiver-days=${days}`]);
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(`audit: --max-waiver-days is ${JSON.stringify(days)}; allowed: a whole number of days from 1 to 3650.`);
      }
    });

    it('case 11 sibling: the gate takes the lifetime as an option and checks it', async () => {
      const lines: string[] = [];
      const gate = (maxWaiverDays: number) =>
        runGate({ paths: [bad], controls: FAKE_CONTROLS, now: NOW, outDir: join(fresh(), 'r'), waiversFile: waiverFile({ expires: '2025-07-15' }), maxWaiverDays }, { stderr: (l) => lines.push(l) });
      expect(await gate(60)).toBe(0);
      expect(await gate(30)).toBe(1);
      expect(await gate(0)).toBe(2);
      expect(lines[lines.length - 1]).toBe('audit: maxWaiverDays is 0; allowed: a whole number of days from 1 to 3650.');
    });

    it('case 11 sibling: an impossible date (2026-02-30) exits 2', async () => {
      await expectUnusable([bad, '--waivers', waiverFile({ expires: '2026-02-30' })], /`expires` is "2026-02-30"; it must be a date as YYYY-MM-DD/);
    });

    it('case 11 sibling: a waiver already expired when written fails the run as expired (exit 1)', async () => {
      const r = await cli([bad, '--waivers', waiverFile({ expires: '2025-05-31' }), '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('waiver expired on 2025-05-31');
    });

    it('case 11 sibling: a waiver for a control that does not exist exits 2 (a mistake in the file, like an unknown field)', async () => {
      await expectUnusable(
        [bad, '--waivers', waiverFile({ control: 'FAKE-REG-1' })],
        /waivers\.yaml: waiver 1 names control "FAKE-REG-1", which does not exist, so the waiver could never apply; use an id from `npm run audit -- --list-controls`/,
      );
    });

    it('case 11 sibling: a reason that is not a sentence exits 2', async () => {
      await expectUnusable([bad, '--waivers', waiverFile({ reason: 'ok ok ok ok ok ok ok ok' })], /`reason` is "ok ok ok ok ok ok ok ok"; it must be a real sentence/);
    });
  });

  describe('case 3: links and special files inside an audited folder', () => {
    it('case 3: a symlinked cdk.tf.json inside the folder is followed and audited (exit 1), not skipped as compliant', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'good', 'cdk.tf.json'), stackJson('fra1'));
      const elsewhere = write(join(d, 'elsewhere', 'bad.json'), stackJson('nyc3'));
      mkdirSync(join(d, 'out', 'stacks', 'bad'), { recursive: true });
      symlinkSync(join(d, 'stacks', 'good'), join(d, 'out', 'stacks', 'good'));
      symlinkSync(elsewhere, join(d, 'out', 'stacks', 'bad', 'cdk.tf.json'));
      const r = await cli([join(d, 'out'), '--quiet']);
      expect(r.code).toBe(1);
      // Qualified by stack, as the address is in both: the stack is named after the link's path.
      expect(r.stdout).toBe('FAKE-REG-01 bad/digitalocean_vpc.main: region "nyc3" is outside the EU');
      const json = JSON.parse((await cli([join(d, 'out'), '--format', 'json'])).stdout);
      expect(json.stacks.map((s: { name: string }) => s.name)).toEqual(['bad', 'good']);
    });

    it('case 3 sibling: a symlinked folder is walked', async () => {
      const d = fresh();
      write(join(d, 'real', 'stacks', 'bad', 'cdk.tf.json'), stackJson('nyc3'));
      mkdirSync(join(d, 'audited'));
      symlinkSync(join(d, 'real', 'stacks'), join(d, 'audited', 'stacks'));
      expect((await cli([join(d, 'audited')])).code).toBe(1);
    });

    it('case 3 sibling: a dangling symlink exits 2, naming the link and its target', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'good', 'cdk.tf.json'), stackJson());
      mkdirSync(join(d, 'stacks', 'bad'));
      symlinkSync('../../gone/cdk.tf.json', join(d, 'stacks', 'bad', 'cdk.tf.json'));
      await expectUnusable([d], /stacks\/bad\/cdk\.tf\.json: a symbolic link to "\.\.\/\.\.\/gone\/cdk\.tf\.json", which does not exist \(dangling link\)/);
    });

    it('case 3 sibling: a dangling symlink of any name (it may have been a folder) exits 2', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'good', 'cdk.tf.json'), stackJson());
      symlinkSync(join(d, 'unmounted'), join(d, 'stacks', 'bad'));
      await expectUnusable([d], /stacks\/bad: a symbolic link to .*unmounted", which does not exist/);
    });

    it('case 3 sibling: a symlink loop exits 2 naming it', async () => {
      const d = fresh();
      write(join(d, 'good.tf.json'), stackJson());
      symlinkSync('b.tf.json', join(d, 'a.tf.json'));
      symlinkSync('a.tf.json', join(d, 'b.tf.json'));
      await expectUnusable([d], /a\.tf\.json: a symbolic link to "b\.tf\.json" that loops back on itself/);
    });

    it('case 3 sibling: a folder link back to an ancestor is walked once, without looping', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'bad', 'cdk.tf.json'), stackJson('nyc3'));
      symlinkSync('..', join(d, 'stacks', 'bad', 'up'));
      symlinkSync(d, join(d, 'self'));
      const r = await cli([d, '--format', 'json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).summary.resources).toBe(1);
    });

    it('case 3 sibling: a FIFO named *.json inside the folder exits 2 at once (no hang)', async () => {
      const d = fresh();
      write(join(d, 'good.tf.json'), stackJson());
      mkfifo(join(d, 'pipe.tf.json'));
      await expectUnusable([d], /pipe\.tf\.json: is a FIFO \(named pipe\), not a regular file/);
    });

    it('case 3 sibling: a FIFO given by name exits 2 at once (no hang)', async () => {
      const fifo = mkfifo(join(fresh(), 'plan.json'));
      await expectUnusable([fifo], /plan\.json: is a FIFO \(named pipe\), not a file or folder the audit can read/);
    });

    it('case 3 sibling: a link to a device, and a socket, named *.json exit 2', async () => {
      const d = fresh();
      write(join(d, 'good.tf.json'), stackJson());
      symlinkSync('/dev/zero', join(d, 'zero.json'));
      await expectUnusable([d], /zero\.json: is a symbolic link to a character device, not a regular file/);
      const e = fresh();
      write(join(e, 'good.tf.json'), stackJson());
      const server: Server = createServer();
      await new Promise<void>((done) => server.listen(join(e, 'agent.json'), done));
      try {
        await expectUnusable([e], /agent\.json: is a socket, not a regular file/);
      } finally {
        await new Promise((done) => server.close(done));
      }
    });

    it('case 3 sibling: a listing without file types (as some network file systems give) is still read in full', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'bad', 'cdk.tf.json'), stackJson('nyc3'));
      const untyped: InputFs = {
        ...NODE_FS,
        readdirSync: (path, options) =>
          NODE_FS.readdirSync(path, options).map((e) => {
            const bare = Object.create(e) as typeof e;
            for (const m of ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isCharacterDevice', 'isBlockDevice'] as const) bare[m] = () => false;
            return bare;
          }),
      };
      expect((await cli([d], { fs: untyped })).code).toBe(1);
    });

    it('case 3 sibling: special files with other names are not inputs and are left alone', async () => {
      const d = fresh();
      write(join(d, 'good.tf.json'), stackJson());
      mkfifo(join(d, 'build.log'));
      expect((await cli([d])).code).toBe(0);
    });
  });

  describe('case 13: folders and files the audit cannot read', () => {
    /** Real file system, except that listing `locked` or opening `secret.json` is denied, as for a user without permission. */
    const denying: InputFs = {
      ...NODE_FS,
      readdirSync: (path, options) => {
        if (path.endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
        return NODE_FS.readdirSync(path, options);
      },
      openSync: (path, flags) => {
        if (path.endsWith('secret.json')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
        return NODE_FS.openSync(path, flags);
      },
    };

    it('case 13: an unreadable subfolder exits 2 with one line naming it (EACCES on scandir), not 3 with a trace', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'good', 'cdk.tf.json'), stackJson());
      mkdirSync(join(d, 'stacks', 'locked'));
      await expectUnusable([d], /stacks\/locked: folder cannot be read: permission denied \(EACCES\)\. The audit reads every folder/, { fs: denying });
    });

    it('case 13 sibling: an unreadable file inside the folder exits 2 naming it', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'good', 'cdk.tf.json'), stackJson());
      write(join(d, 'stacks', 'secret.json'), stackJson());
      await expectUnusable([d], /stacks\/secret\.json: cannot be read: permission denied \(EACCES\)\.$/, { fs: denying });
    });

    it('case 13 sibling: a file where a folder is expected (ENOTDIR) exits 2', async () => {
      const file = write(join(fresh(), 'cdk.tf.json'), stackJson());
      await expectUnusable([join(file, 'stacks')], /cdk\.tf\.json\/stacks: no such file or folder/);
    });

    it('case 13 sibling: the gate (synth path) reports the same one line', async () => {
      const d = fresh();
      mkdirSync(join(d, 'locked'));
      const lines: string[] = [];
      const code = await runGate({ paths: [d], controls: FAKE_CONTROLS, now: NOW, outDir: join(d, 'reports'), fs: denying }, { stderr: (l) => lines.push(l) });
      expect(code).toBe(2);
      expect(lines).toEqual([expect.stringMatching(/^audit: .*locked: folder cannot be read: permission denied \(EACCES\)/)]);
    });
  });

  describe('case 14: a waivers file that is not a readable YAML file', () => {
    let stack: string;
    beforeAll(() => {
      stack = write(join(dir, 'waivers-case', 'cdk.tf.json'), stackJson());
    });

    it('case 14: --waivers naming a folder exits 2 in one line (no EISDIR trace)', async () => {
      await expectUnusable([stack, '--waivers', fresh()], /: is a folder; expected a waivers YAML file\.$/);
    });

    it('case 14 sibling: a waivers file that cannot be read exits 2', async () => {
      const waivers = write(join(fresh(), 'secret.json'), '[]');
      const denying: InputFs = {
        ...NODE_FS,
        openSync: (path, flags) => {
          if (path === waivers) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
          return NODE_FS.openSync(path, flags);
        },
      };
      await expectUnusable([stack, '--waivers', waivers], /secret\.json: cannot be read: permission denied \(EACCES\)/, { fs: denying });
    });

    it('case 14 sibling: an empty waivers file waives nothing (the audit runs as without one)', async () => {
      const waivers = write(join(fresh(), 'empty.yaml'), '');
      expect((await cli([stack, '--waivers', waivers])).code).toBe(0);
      const bad = write(join(fresh(), 'cdk.tf.json'), stackJson('nyc3'));
      expect((await cli([bad, '--waivers', waivers])).code).toBe(1);
    });

    it('case 14 sibling: a YAML alias bomb exits 2 at once', async () => {
      const rows = ['a: &a [x,x,x,x,x,x,x,x,x]'];
      for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
        rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const waivers = write(join(fresh(), 'bomb.yaml'), rows.join('\n'));
      const started = Date.now();
      await expectUnusable([stack, '--waivers', waivers], /bomb\.yaml: not valid YAML \(Excessive alias count/);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('case 14 sibling: duplicate keys in a waiver exit 2 (the first `resource:` would silently lose)', async () => {
      const waivers = write(
        join(fresh(), 'dup.yaml'),
        '- control: FAKE-REG-01\n  resource: digitalocean_vpc.one\n  resource: digitalocean_vpc.other\n  reason: Accepted until the EU replacement region is provisioned.\n  owner: ops\n  expires: "2025-12-31"\n',
      );
      await expectUnusable([stack, '--waivers', waivers], /dup\.yaml: not valid YAML \(Map keys must be unique/);
    });

    it('case 14 sibling: a waivers file that is a symlink to a FIFO exits 2 at once (no hang)', async () => {
      const d = fresh();
      mkfifo(join(d, 'fifo'));
      symlinkSync(join(d, 'fifo'), join(d, 'waivers.yaml'));
      await expectUnusable([stack, '--waivers', join(d, 'waivers.yaml')], /waivers\.yaml: is a FIFO \(named pipe\), not a regular file; expected a waivers YAML file/);
    });

    it('case 14 sibling: a dangling waivers symlink exits 2; it is not "no waivers file"', async () => {
      const d = fresh();
      symlinkSync(join(d, 'moved.yaml'), join(d, 'waivers.yaml'));
      await expectUnusable([stack, '--waivers', join(d, 'waivers.yaml')], /waivers\.yaml: a symbolic link to .*moved\.yaml", which does not exist/);
    });

    it('case 14 sibling: --waivers "" is a usage error, not the default file', async () => {
      await expectUsage([stack, '--waivers', ''], /^audit: --waivers is empty \(an unset variable\?\)/);
    });
  });

  describe('case 15: input that yields nothing to audit', () => {
    const plan = (planned: unknown, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0', planned_values: planned, ...extra });

    it('case 15: a plan whose root_module.resources is "nope" exits 2 naming the file and the field, not 0 resources COMPLIANT', async () => {
      const file = write(join(fresh(), 'plan.json'), plan({ root_module: { resources: 'nope' } }, { configuration: { provider_config: { digitalocean: { name: 'digitalocean' } } } }));
      await expectUnusable([file], /plan\.json: `planned_values\.root_module\.resources` is the string "nope"; in Terraform plan\/state JSON it must be an array of resource objects\./);
    });

    it.each([
      ['child_modules as an object', { root_module: { child_modules: { address: 'module.db' } } }, /`planned_values\.root_module\.child_modules` is an object; .* must be an array of module objects/],
      ['a child module as a string', { root_module: { child_modules: ['module.db'] } }, /`planned_values\.root_module\.child_modules\[0\]` is the string "module\.db"/],
      ['a nested child module with resources as a number', { root_module: { child_modules: [{ child_modules: [{ resources: 3 }] }] } }, /`planned_values\.root_module\.child_modules\[0\]\.child_modules\[0\]\.resources` is number "3"/],
      ['a resource without a type', { root_module: { resources: [{ address: 'digitalocean_vpc.main', values: {} }] } }, /`planned_values\.root_module\.resources\[0\]\.type` is missing; .* must be a string/],
      ['root_module as an array', { root_module: [] }, /`planned_values\.root_module` is an array \(0 items\); .* must be a module object/],
      ['planned_values as a string', 'nope', /`planned_values` is the string "nope"/],
    ])('case 15 sibling: a plan with %s exits 2', async (_, planned, message) => {
      await expectUnusable([write(join(fresh(), 'plan.json'), plan(planned))], message);
    });

    it.each([
      ['`resource` as a string', { resource: 'digitalocean_vpc.main', terraform: {} }, /`resource` is the string "digitalocean_vpc\.main"; in Terraform JSON a block is an object, or an array of objects/],
      ['a backend as a string', { resource: { digitalocean_vpc: { main: vpc('fra1') } }, terraform: { backend: 's3' } }, /`terraform\.backend` is the string "s3"/],
      ['a resource body as a number', { resource: { digitalocean_vpc: { main: 42 } } }, /`resource\.digitalocean_vpc\.main` is a number/],
    ])('case 15 sibling: a hand-written cdk.tf.json with %s exits 2', async (_, doc, message) => {
      await expectUnusable([write(join(fresh(), 'stacks', 'x', 'cdk.tf.json'), JSON.stringify(doc))], message);
    });

    // Issue 9: the HCL JSON spec allows a block as an array of objects (what hcl2json emits); read, never refused or dropped.
    it.each([
      ['`resource` as an array', { resource: [{ digitalocean_vpc: { main: vpc('nyc3') } }] }],
      ['a resource body as an array', { resource: { digitalocean_vpc: { main: [vpc('nyc3')] } } }],
    ])('case 15 sibling: a hand-written cdk.tf.json with %s is read and audited (exit 1 for nyc3)', async (_, doc) => {
      const r = await cli([write(join(fresh(), 'stacks', 'x', 'cdk.tf.json'), JSON.stringify(doc))]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('digitalocean_vpc.main');
    });

    it.each([
      ['`Resources` as a string', { AWSTemplateFormatVersion: '2010-09-09', Resources: 'nope' }, /`Resources` is the string "nope"; in a CloudFormation template it must be an object/],
      ['a resource without a Type', { Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Other: { Properties: {} } } }, /`Resources\.Other\.Type` is missing; .* must be a string such as "AWS::S3::Bucket"/],
      ['Properties as an array', { Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: [] } } }, /`Resources\.Bucket\.Properties` is an array/],
    ])('case 15 sibling: a CloudFormation template with %s exits 2', async (_, doc, message) => {
      await expectUnusable([write(join(fresh(), 'Vault.template.json'), JSON.stringify(doc))], message);
    });

    it('case 15 sibling: a well-formed plan naming 0 resources, given by name, exits 2', async () => {
      const file = write(join(fresh(), 'plan.json'), plan({ root_module: {} }, { configuration: { provider_config: { aws: { name: 'aws' } } } }));
      await expectUnusable([file], /plan\.json: read as a Terraform plan\/state, but it declares 0 resources: nothing to audit\./);
    });

    it('case 15 sibling: a folder whose files declare 0 resources exits 2, saying what was read', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { s3: { encrypt: true } } }, provider: { aws: [{ region: 'eu-central-1' }] } }));
      write(join(d, 'cdk.out', 'Empty.template.json'), JSON.stringify({ Resources: { CDKMetadata: { Type: 'AWS::CDK::Metadata' } } }));
      write(join(d, 'package.json'), '{"name":"x"}');
      await expectUnusable([d], /: 2 files read \(.*Empty\.template\.json, .*stacks\/a\), 0 resources: nothing to audit\./);
    });

    it('case 15 sibling: other JSON with a "Resources" or "resource" key of its own is not mistaken for a template', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'a', 'cdk.tf.json'), stackJson());
      write(join(d, 'i18n.json'), JSON.stringify({ Resources: { greeting: 'hello' }, resource: 'strings' }));
      expect((await cli([d])).code).toBe(0);
    });
  });

  describe('case 16: where the reports go', () => {
    let stack: string;
    beforeAll(() => {
      stack = write(join(dir, 'out-case', 'cdk.tf.json'), stackJson());
    });

    it("case 16: --out '' is a usage error (exit 2), not a run that writes nothing and says nothing", async () => {
      await expectUsage([stack, '--out', ''], /^audit: --out is empty \(an unset variable\?\); name a folder/);
    });

    it('case 16 sibling: --out naming an existing file exits 2 before auditing', async () => {
      const file = write(join(fresh(), 'reports'), 'a file');
      await expectUnusable([stack, '--out', file], /reports: is a regular file, not a folder; the reports need a folder\.$/);
      expect(readFileSync(file, 'utf8')).toBe('a file');
    });

    it('case 16 sibling: --out inside the audited folder works, and the reports are not read as input on the next run', async () => {
      const d = fresh();
      write(join(d, 'stacks', 'a', 'cdk.tf.json'), stackJson());
      const first = await cli([d, '--out', join(d, 'reports'), '--format', 'json']);
      expect(first.code).toBe(0);
      const second = await cli([d, '--out', join(d, 'reports'), '--format', 'json']);
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout).summary.resources).toBe(JSON.parse(first.stdout).summary.resources);
    });

    it("case 16 sibling: an empty PATH ('' from an unset variable) is a usage error, not the current folder", async () => {
      await expectUsage(['', '--out', join(fresh(), 'r')], /^audit: an empty PATH was given/);
    });

    it('case 16 sibling: the gate refuses an empty reports folder name', async () => {
      const lines: string[] = [];
      const code = await runGate({ paths: [stack], controls: FAKE_CONTROLS, now: NOW, outDir: '' }, { stderr: (l) => lines.push(l) });
      expect(code).toBe(2);
      expect(lines).toEqual([expect.stringMatching(/^audit: the reports folder is named as ""/)]);
    });
  });

  describe('case 21: what the input names reaches the terminal escaped', () => {
    const HOSTILE = 'x\u001b[2J\u001b]8;;http://evil\u0007\n::error::pwned\u202e';
    let stack: string;
    beforeAll(() => {
      stack = write(join(dir, 'escape-case', 'cdk.tf.json'), JSON.stringify({ resource: { digitalocean_vpc: { [HOSTILE]: vpc('nyc3\n::add-mask::x') } } }));
    });
    const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const noCommandLines = (text: string) => text.split('\n').forEach((line) => expect(line.trimStart()).not.toMatch(/^(::|##\[)/));

    it('case 21: a resource name with escape sequences and a newline is printed escaped, on one line, as no workflow command', async () => {
      const r = await cli([stack]);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(RAW);
      noCommandLines(r.stdout);
      expect(r.stdout).toContain(
        'FAKE-REG-01 digitalocean_vpc.x\\u001b[2J\\u001b]8;;http://evil\\u0007\\u000a::error::pwned\\u202e: region "nyc3\\u000a::add-mask::x" is outside the EU',
      );
      const quiet = await cli([stack, '--quiet']);
      expect(quiet.stdout.split('\n')).toHaveLength(1);
    });

    it('case 21 sibling: --format json stays the same JSON, with nothing raw a terminal acts on', async () => {
      const r = await cli([stack, '--format', 'json']);
      expect(r.stdout).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
      expect(JSON.parse(r.stdout).findings.find((f: { status: string }) => f.status === 'fail').address).toBe(`digitalocean_vpc.${HOSTILE}`);
    });

    it('case 21 sibling: the reports keep the address as read; the gate prints it escaped', async () => {
      const out = join(fresh(), 'reports');
      const lines: string[] = [];
      const code = await runGate({ paths: [stack], controls: FAKE_CONTROLS, now: NOW, outDir: out }, { stderr: (l) => lines.push(l) });
      expect(code).toBe(1);
      expect(lines.join('\n')).not.toMatch(RAW);
      expect(lines).toHaveLength(2);
      const report = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'));
      expect(JSON.stringify(report)).toContain(JSON.stringify(`digitalocean_vpc.${HOSTILE}`).slice(1, -1));
    });

    it('case 21 sibling: a file name with control characters is escaped in the error line', async () => {
      const stderr = await expectUnusable([`plan\n::error::x\u001b[0m.json`], /no such file or folder/);
      expect(stderr).toContain('plan\\u000a::error::x\\u001b[0m.json');
    });

    it('case 21 sibling: waiver fields with control characters are refused', async () => {
      const waivers = write(
        join(fresh(), 'w.yaml'),
        '- control: FAKE-REG-01\n  resource: "digitalocean_vpc.a\\e[2J"\n  reason: Accepted until the EU replacement region is provisioned.\n  owner: ops\n  expires: "2025-12-31"\n',
      );
      await expectUnusable([stack, '--waivers', waivers], /`resource` is "digitalocean_vpc\.a\\u001b\[2J"; it must not contain control characters/);
    });
  });

  describe('exit codes from a real process', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, compiledArgs('policies/cli.ts', ...args), { encoding: 'utf8', timeout: 60000 });

    it('case 14 as a real process: --waivers naming a folder exits 2 with one line, no stack trace', () => {
      const p = run(['test/fixtures/inputs', '--waivers', 'policies']);
      expect(p.status).toBe(2);
      expect(p.stdout).toBe('');
      expect(p.stderr.trim().split('\n')).toEqual(['audit: policies: is a folder; expected a waivers YAML file.']);
    });

    it('case 3 as a real process: a FIFO inside the audited folder exits 2 at once instead of hanging', () => {
      const d = fresh();
      write(join(d, 'good.tf.json'), stackJson());
      mkfifo(join(d, 'stacks', 'pipe.tf.json'));
      const p = run([d]);
      expect(p.error).toBeUndefined(); // not killed by the timeout
      expect(p.status).toBe(2);
      expect(p.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^audit: .*stacks\/pipe\.tf\.json: is a FIFO \(named pipe\), not a regular file/)]);
    });
  });
});
