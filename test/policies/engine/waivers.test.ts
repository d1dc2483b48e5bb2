import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, formatFailures } from '../../../policies/engine';
import { InputError } from '../../../policies/errors';
import type { Waiver } from '../../../policies/types';
import { isExpired, latestExpiry, loadWaivers, matchesEverything, parseWaivers, resourceMatcher } from '../../../policies/waivers';
import { inventory, res } from './build';
import { EU_REGION } from './fake-controls';

const NOW = new Date('2025-06-01T12:00:00Z');
const REASON = 'Accepted until the EU replacement region is provisioned.';
const waiver = (resource: string, extra: Partial<Waiver> = {}): Waiver => ({
  control: EU_REGION.id,
  resource,
  reason: REASON,
  owner: 'platform-team',
  expires: '2025-12-31',
  ...extra,
});
const us = (name: string, stack = 'prod') => res('digitalocean_vpc', name, { region: 'nyc3' }, stack);
const run = (waivers: Waiver[], now = NOW) =>
  audit({ inventory: inventory(us('a'), us('b'), us('a', 'staging')), controls: [EU_REGION], waivers, now });

describe('applying waivers', () => {
  it('waives an exact address in every stack, and reports it as waived with the waiver', () => {
    const r = run([waiver('digitalocean_vpc.a')]);
    const waived = r.findings.filter((f) => f.status === 'waived');
    expect(waived.map((f) => `${f.stack}/${f.address}`)).toEqual(['prod/digitalocean_vpc.a', 'staging/digitalocean_vpc.a']);
    expect(waived[0].waiver?.owner).toBe('platform-team');
    expect(r.controlStatus[EU_REGION.id]).toBe('fail'); // b still fails
    expect(formatFailures(r)).toEqual(['FAKE-REG-01 digitalocean_vpc.b: region "nyc3" is outside the EU']);
  });

  it('matches globs and stack prefixes', () => {
    const all = run([waiver('digitalocean_vpc.*')]);
    expect(all.summary).toMatchObject({ compliant: true, blocking: 0 });
    expect(all.controlStatus[EU_REGION.id]).toBe('waived');
    const staging = run([waiver('staging:digitalocean_vpc.*')]);
    expect(staging.findings.filter((f) => f.status === 'waived').map((f) => f.stack)).toEqual(['staging']);
    expect(resourceMatcher('*-prod:module.db.**')('platform-prod', 'module.db.digitalocean_database_cluster.main')).toBe(true);
    expect(resourceMatcher('platform-prod:aws_x.y[0]')('platform-prod', 'aws_x.y[0]')).toBe(true);
    expect(resourceMatcher('digitalocean_vpc.?')('prod', 'digitalocean_vpc.ab')).toBe(false);
  });

  it('fails the run for an expired waiver, which waives nothing', () => {
    const r = run([waiver('digitalocean_vpc.*', { expires: '2025-05-31' })]);
    expect(r.findings.every((f) => f.status === 'fail')).toBe(true);
    expect(r.waiverProblems).toMatchObject([{ problem: 'expired' }]);
    expect(r.summary.blocking).toBe(4);
    expect(formatFailures(r)).toContain('FAKE-REG-01 digitalocean_vpc.*: waiver expired on 2025-05-31 (owner platform-team); renew it with a new date or fix the finding');
  });

  it('treats the expiry day as still valid until its end (UTC)', () => {
    const w = waiver('x', { expires: '2025-06-01' });
    expect(isExpired(w, new Date('2025-06-01T23:59:59.999Z'))).toBe(false);
    expect(isExpired(w, new Date('2025-06-02T00:00:00Z'))).toBe(true);
  });

  it('fails the run for a waiver matching no failing finding', () => {
    const r = run([waiver('digitalocean_vpc.*'), waiver('digitalocean_vpc.gone'), waiver('digitalocean_vpc.a', { control: 'FAKE-OTHER-01' })]);
    expect(r.waiverProblems.map((p) => `${p.problem} ${p.waiver.control} ${p.waiver.resource}`)).toEqual([
      'unused FAKE-REG-01 digitalocean_vpc.gone',
      'unused FAKE-OTHER-01 digitalocean_vpc.a',
    ]);
    expect(r.summary).toMatchObject({ blocking: 2, compliant: false, waiverProblems: 2 });
  });
});

describe('waivers file', () => {
  const file = 'policies/waivers.yaml';
  const errorOf = (text: string): string => {
    try {
      parseWaivers(text, file);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
    throw new Error('expected an InputError');
  };
  const entry = (fields: string): string => `- control: TOM-NET-02\n  resource: digitalocean_firewall.bastion\n${fields}`;
  const GOOD = `  reason: ${REASON}\n  owner: ops\n  expires: 2026-01-31\n`;

  it('ships an empty list', () => {
    expect(loadWaivers('policies/waivers.yaml')).toEqual([]);
  });

  it('reads a valid entry, with an unquoted date kept as written', () => {
    expect(parseWaivers(entry(GOOD), file)).toEqual([
      { control: 'TOM-NET-02', resource: 'digitalocean_firewall.bastion', reason: REASON, owner: 'ops', expires: '2026-01-31', location: { file, line: 1 } },
    ]);
    expect(parseWaivers('', file)).toEqual([]);
  });

  it('keeps the line each waiver starts on, for reports that point at it', () => {
    const text = `# comment\n\n${entry(GOOD)}\n${entry(GOOD)}`;
    expect(parseWaivers(text, file).map((w) => w.location)).toEqual([{ file, line: 3 }, { file, line: 9 }]);
  });

  it('names the file, the waiver, the field, the value and what is allowed', () => {
    expect(errorOf(entry(`  reason: too short\n  owner: ops\n  expires: 2026-01-31\n`))).toBe(
      'policies/waivers.yaml: waiver 1 (TOM-NET-02): `reason` is "too short"; it must be a real sentence: at least 20 characters and more than 3 different words.',
    );
    expect(errorOf(entry(`  reason: ${REASON}\n  owner: ops\n  expires: 2026-02-30\n`))).toMatch(/`expires` is "2026-02-30"; it must be a date as YYYY-MM-DD/);
    expect(errorOf(entry(`  reason: ${REASON}\n  expires: 2026-01-31\n  reson: typo\n`))).toMatch(
      /waiver 1 \(TOM-NET-02\): `owner` is missing.*waiver 1 \(TOM-NET-02\) has unknown field\(s\) `reson` \(allowed fields: control, resource, reason, owner, expires, scope\)/,
    );
    expect(errorOf('waivers: []')).toMatch(/must be a YAML list of waivers/);
    expect(errorOf('- [unclosed')).toMatch(/^policies\/waivers\.yaml: not valid YAML/);
    expect(errorOf(entry(`  reason: ${REASON}\n  owner: ops\n  expires: 20260131\n`))).toMatch(/`expires` is 20260131; it must be a string as YYYY-MM-DD/);
  });

  it('requires a named file to exist, but not the default one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waivers-'));
    try {
      expect(() => loadWaivers(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: waivers file not found/);
      expect(loadWaivers(join(dir, 'missing.yaml'), false)).toEqual([]);
      writeFileSync(join(dir, 'w.yaml'), entry(GOOD));
      expect(loadWaivers(join(dir, 'w.yaml'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('issue 14 case 11: a waiver cannot quietly switch a control off', () => {
  const file = 'w.yaml';
  const yaml = (resource: string, extra = '', reason = REASON) =>
    `- control: TOM-NET-02\n  resource: ${JSON.stringify(resource)}\n  reason: ${JSON.stringify(reason)}\n  owner: ops\n  expires: "2025-12-31"\n${extra}`;
  const errorOf = (text: string): string => {
    try {
      parseWaivers(text, file);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it.each(['*', '**', 'stack:*', 'platform-prod:**', '*:*', '**/*', '*.*', '?*', '*_*', '[a-z]*', '{*,x}', '!(digitalocean_vpc.a)', '!digitalocean_vpc.a'])(
    'case 11: resource %j matches every address and is refused without scope: all',
    (resource) => {
      expect(matchesEverything(resource)).toBe(true);
      expect(errorOf(yaml(resource))).toMatch(/`resource` is ".*"; it matches every resource, which switches the control off; .*add `scope: all`/);
      expect(parseWaivers(yaml(resource, '  scope: all\n'), file)[0]).toMatchObject({ resource, scope: 'all' });
    },
  );

  it.each(['digitalocean_vpc.*', 'platform-prod:digitalocean_firewall.*', '*:digitalocean_vpc.a', 'module.db.**', 'BackupVault*', 'aws_*'])(
    'case 11 sibling: resource %j names some resources and needs no scope',
    (resource) => {
      expect(matchesEverything(resource)).toBe(false);
      expect(parseWaivers(yaml(resource), file)).toHaveLength(1);
    },
  );

  it('case 11 sibling: scope takes only the value all', () => {
    expect(errorOf(yaml('*', '  scope: everything\n'))).toMatch(/`scope` is "everything"; it may only be `all`/);
  });

  it('case 11: expires 9999-12-31 runs past the maximum lifetime: a problem that waives nothing', () => {
    const r = run([waiver('digitalocean_vpc.*', { expires: '9999-12-31' })]);
    expect(r.findings.every((f) => f.status === 'fail')).toBe(true);
    expect(r.waiverProblems).toMatchObject([{ problem: 'too-long' }]);
    expect(formatFailures(r)).toContain(
      'FAKE-REG-01 digitalocean_vpc.*: waiver runs until 9999-12-31, past the longest lifetime of 365 days (latest 2026-06-01); it waives nothing until it gets an earlier date (review it again then)',
    );
  });

  it('case 11 sibling: the maximum lifetime counts from the audit clock, inclusive, and is configurable', () => {
    expect(latestExpiry(NOW, 365)).toBe('2026-06-01');
    expect(run([waiver('digitalocean_vpc.*', { expires: '2026-06-01' })]).waiverProblems).toEqual([]);
    expect(run([waiver('digitalocean_vpc.*', { expires: '2026-06-02' })]).waiverProblems).toMatchObject([{ problem: 'too-long' }]);
    const short = audit({ inventory: inventory(us('a')), controls: [EU_REGION], waivers: [waiver('digitalocean_vpc.*', { expires: '2025-07-15' })], now: NOW, maxWaiverDays: 30 });
    expect(short.waiverProblems).toMatchObject([{ problem: 'too-long', message: expect.stringContaining('latest 2025-07-01') }]);
  });

  it.each([
    ['empty', ''],
    ['blank', '                          '],
    ['one word repeated', 'TODO TODO TODO TODO TODO TODO'],
    ['too short', 'accepted risk ok'],
    ['no letters', '1234 5678 9012 3456 7890'],
  ])('case 11 sibling: a reason that is not a real sentence (%s) is refused', (_, reason) => {
    expect(errorOf(yaml('digitalocean_vpc.a', '', reason))).toMatch(/`reason` is ".*"; it must be a real sentence: at least 20 characters and more than 3 different words/);
  });

  it('case 11 sibling: a reason may be a YAML block of several lines', () => {
    const text = `- control: TOM-NET-02\n  resource: digitalocean_vpc.a\n  reason: |\n    Accepted until the EU region is provisioned.\n    Tracked in the migration plan.\n  owner: ops\n  expires: "2025-12-31"\n`;
    expect(parseWaivers(text, file)[0].reason).toContain('\nTracked');
  });

  it('case 11 sibling: an owner without a letter or digit is refused', () => {
    expect(errorOf(yaml('digitalocean_vpc.a').replace('owner: ops', 'owner: "-"'))).toMatch(/`owner` is "-"; it must name who answers/);
  });
});
