/**
 * One page per control, `docs/controls/<ID>.md`, plus an index, generated from
 * the catalogue: what SARIF's `helpUri` links to (with `--sarif-help-base`),
 * so a code-scanning alert opens the control's measure, rationale, mappings
 * and remediation. `npm run docs:controls` rewrites the folder (and removes
 * pages of controls that no longer exist); a test fails when it is out of date.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlFileById } from './catalog/files';
import { mdCell, mdCode, mdText } from './report/escape';
import type { Control } from './types';

export const CONTROL_DOCS_DIR = join(__dirname, '..', 'docs', 'controls');

const GENERATED = '<!-- Generated from the control catalogue by `npm run docs:controls`; do not edit by hand. -->';

const list = (items: readonly string[], code = false): string =>
  items.length === 0 ? '–' : items.map((i) => (code ? mdCode(i) : mdCell(i))).join(', ');

function scopeText(c: Control): string {
  switch (c.scope) {
    case 'resource':
      return `evaluated per resource of type ${list(c.appliesTo, true)}`;
    case 'stack':
      return 'evaluated once per stack';
    case 'inherited':
      return `performed by the provider for ${list(c.appliesTo, true)}; reported as inherited, never as passed`;
    case 'isms':
      return 'evaluated once per audit over the ISMS declarations (config `isms`), one finding per Annex A control';
    case 'live':
      return 'evaluated against the live provider state by `npm run evidence`, not by the audit of synthesized files';
  }
}

/** `file`: the repository path of the file that defines the control (linked from the page). */
export function controlPage(c: Control, file?: string): string {
  const rows: [string, string][] = [
    ['Severity', c.severity],
    ['Scope', scopeText(c)],
    ['Area', c.area],
    ...(file ? [['Defined in', `[${mdCell(file)}](../../${file.split('/').map(encodeURIComponent).join('/')})`] as [string, string]] : []),
    ['ISO/IEC 27001:2022 Annex A', list(c.iso27001_2022)],
    ['ISO/IEC 27001:2013', list(c.iso27001_2013)],
    ['GDPR Art. 32(1)', list(c.gdprArt32.map((l) => `(${l})`))],
    ['TOM category', mdCell(c.tomCategory)],
    ['Measures', list(c.measures)],
    ['Equivalent checks', list(c.equivalents, true)],
  ];
  const inherited =
    c.scope === 'inherited'
      ? ['', '## Provider statement', '', mdText(c.inherited.statement), '', `Source: ${mdText(c.inherited.document)} (retrieved ${mdText(c.inherited.retrieved)}).`]
      : [];
  return [
    GENERATED,
    '',
    `# ${mdText(c.id)}: ${mdText(c.title)}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '## What it checks',
    '',
    mdText(c.measure),
    '',
    '## Why',
    '',
    mdText(c.rationale),
    ...inherited,
    '',
    '## How to fix',
    '',
    mdText(c.remediation),
    ...(c.scope === 'inherited' ? [] : waiverHint(c)),
    '',
  ].join('\n');
}

function waiverHint(c: Control): string[] {
  return [
    '',
    '## Accepting the risk instead',
    '',
    `Add a waiver for \`${c.id}\` to the waivers file (\`policies/waivers.yaml\` or \`--waivers FILE\`) with the resource, a reason, an owner and an expiry date. ` +
      'The finding is then reported as waived, never as passed; an expired waiver, or one that matches nothing, fails the audit.',
  ];
}

export function controlIndex(controls: readonly Control[]): string {
  return [
    GENERATED,
    '',
    '# Controls',
    '',
    `${controls.length} controls. Each page says what the control checks, why, how to fix a failure, and its ISO/IEC 27001 and GDPR Art. 32 mapping.`,
    '',
    '| ID | Severity | Title |',
    '|---|---|---|',
    ...controls.map((c) => `| [${mdCell(c.id)}](${encodeURIComponent(c.id)}.md) | ${c.severity} | ${mdCell(c.title)} |`),
    '',
  ].join('\n');
}

/** File name → content for the whole folder. */
export function controlDocs(controls: readonly Control[]): Map<string, string> {
  const files = new Map<string, string>([['README.md', controlIndex(controls)]]);
  const defined = controlFileById();
  for (const c of controls) files.set(`${c.id}.md`, controlPage(c, defined.get(c.id)));
  return files;
}

/** Writes the folder, removing pages of controls that are gone. */
export function writeControlDocs(controls: readonly Control[], dir = CONTROL_DOCS_DIR): number {
  const files = controlDocs(controls);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.md') && !files.has(name)) rmSync(join(dir, name));
  for (const [name, content] of files) writeFileSync(join(dir, name), content, 'utf8');
  return files.size;
}

if (require.main === module) {
  const { CONTROLS } = require('./catalog/index') as typeof import('./catalog/index');
  const n = writeControlDocs(CONTROLS);
  process.stdout.write(`docs/controls: ${n} files\n`);
}
