/**
 * README states how many controls the catalogue holds, per area and per
 * scope. Those numbers are derived here from the catalogue, so README cannot
 * silently drift from it: on a mismatch the failure prints the exact text to
 * paste.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS } from '../../policies/catalog';
import type { Area, Control } from '../../policies/types';

/** README's name for each catalogue area, in README's order. */
const AREAS: readonly (readonly [Area, string])[] = [
  ['digitalocean', 'DigitalOcean'],
  ['cloudflare', 'Cloudflare'],
  ['aws', 'AWS vault'],
  ['kubernetes', 'Kubernetes workloads'],
  ['monitoring', 'intrusion detection and monitoring'],
  ['backup', 'backups'],
  ['cross', 'cross-cutting'],
];

/** README's words for each control scope, in README's order. */
const SCOPES: readonly (readonly [string, string])[] = [
  ['resource', 'per resource'],
  ['stack', 'per stack'],
  ['isms', 'on the ISMS declarations'],
  ['inherited', 'inherited'],
];

const count = (controls: readonly Control[], key: (c: Control) => string, value: string): number => controls.filter((c) => key(c) === value).length;

/** The counts sentence README carries, generated from the catalogue. */
function controlCountsText(controls: readonly Control[]): string {
  const areas = AREAS.map(([id, name]) => `${name} ${count(controls, (c) => c.area, id)}`).join(', ');
  const scopes = SCOPES.map(([id, words]) => `${count(controls, (c) => c.scope, id)} ${words}`).join(', ');
  return `**${controls.length} controls** (${areas}; ${scopes})`;
}

describe('README control counts', () => {
  it('every area and scope of the catalogue has a name in the counts sentence', () => {
    expect([...new Set(CONTROLS.map((c) => c.area))].filter((p) => !AREAS.some(([id]) => id === p))).toEqual([]);
    expect([...new Set(CONTROLS.map((c) => c.scope))].filter((s) => !SCOPES.some(([id]) => id === s))).toEqual([]);
  });

  it('README states the counts of the catalogue', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const expected = controlCountsText(CONTROLS);
    if (!readme.includes(expected)) {
      const stated = /\*\*\d+ controls\*\* \([^)]*\)/.exec(readme)?.[0] ?? '(no "**N controls** (…)" sentence found)';
      throw new Error(`README.md states ${stated}\nbut the catalogue holds ${expected}\nReplace the former with the latter in README.md.`);
    }
  });
});
