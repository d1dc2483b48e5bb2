/**
 * Waivers: accepted exceptions to failing controls, kept in `policies/waivers.yaml`.
 * Each names a control, a resource (exact address or glob, optionally
 * `stack:`-prefixed), a reason that is a real sentence, an owner and an expiry
 * date. A waived finding is reported as waived, never as passed; a waiver that
 * has expired or matches no failing finding is itself a failure of the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from './errors';
import type { Finding, Waiver, WaiverProblem } from './types';
import { isRecord } from './values';

const FIELDS = ['control', 'resource', 'reason', 'owner', 'expires'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date that exists (`2025-02-30` does not). */
function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const words = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

// Each message says what is allowed; the loader adds the file, the waiver and the value.
const WAIVER_SCHEMA = z
  .object({
    control: z.string().regex(/^\S+$/, 'must be a control id such as TOM-NET-02'),
    resource: z.string().regex(/^\S+$/, 'must be a resource address or glob, optionally prefixed with `stack:`'),
    reason: z
      .string()
      .refine((s) => s.trim().length >= 20 && words(s) > 3, 'must be a real sentence: at least 20 characters and more than 3 words'),
    owner: z.string().regex(/\S/, 'must name who answers for the waiver (a person or team)'),
    expires: z.string().refine(isRealDate, 'must be a date as YYYY-MM-DD'),
  })
  .strict();
const FILE_SCHEMA = z.array(WAIVER_SCHEMA);

const ALLOWED = `allowed fields: ${FIELDS.join(', ')}`;

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const [index, field] = issue.path;
  const entry = Array.isArray(raw) && typeof index === 'number' ? raw[index] : undefined;
  const label =
    typeof index === 'number'
      ? `waiver ${index + 1}${isRecord(entry) && typeof entry.control === 'string' ? ` (${entry.control})` : ''}`
      : 'the file';
  if (issue.code === 'unrecognized_keys') return `${label} has unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')} (${ALLOWED})`;
  if (typeof field !== 'string') {
    return typeof index === 'number'
      ? `${label} is ${JSON.stringify(entry)}, not a mapping (${ALLOWED})`
      : 'the file must be a YAML list of waivers (or empty)';
  }
  const value = isRecord(entry) ? entry[field] : undefined;
  const allowed = issue.code === 'invalid_type' ? `must be a string${field === 'expires' ? ' as YYYY-MM-DD (quote it)' : ''}` : issue.message;
  return `${label}: \`${field}\` is ${value === undefined ? 'missing' : JSON.stringify(value)}; it ${allowed}`;
}

/** Parses and validates waiver YAML; `file` names it in errors. Empty text means no waivers. */
export function parseWaivers(text: string, file: string): Waiver[] {
  let raw: unknown;
  // Line numbers of the list entries, so a waiver problem can point at its line.
  const lines = new LineCounter();
  let starts: number[] = [];
  try {
    // Core schema: dates stay strings, so `expires: 2025-01-31` reads as written.
    const doc = parseDocument(text, { lineCounter: lines });
    if (doc.errors.length > 0) throw doc.errors[0];
    raw = doc.toJS();
    if (isSeq(doc.contents)) starts = doc.contents.items.map((item) => (isNode(item) && item.range ? item.range[0] : -1));
  } catch (err) {
    throw new InputError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]}).`);
  }
  if (raw === null || raw === undefined) return [];
  const parsed = FILE_SCHEMA.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(`${file}: ${parsed.error.issues.map((i) => describeIssue(i, raw)).join('; ')}.`);
  }
  return parsed.data.map((w, i) => (starts[i] >= 0 ? { ...w, location: { file, line: lines.linePos(starts[i]).line } } : w));
}

/** Reads a waivers file. A missing file is an error only when `required` (named on the command line). */
export function loadWaivers(file: string, required = true): Waiver[] {
  if (!existsSync(file)) {
    if (!required) return [];
    throw new InputError(`${file}: waivers file not found.`);
  }
  return parseWaivers(readFileSync(file, 'utf8'), file);
}

/** True once `now` is past the end (UTC) of the waiver's expiry day. */
export function isExpired(waiver: Waiver, now: Date): boolean {
  const [y, m, d] = waiver.expires.split('-').map(Number);
  return now.getTime() >= Date.UTC(y, m - 1, d + 1);
}

// A stack prefix is a plain name (no dots or brackets) before the first `:`.
const STACK_PREFIX = /^([^.:[\]"]+):(.+)$/;

/** A predicate over (stack, address) for one waiver's `resource`. */
export function resourceMatcher(resource: string): (stack: string, address: string) => boolean {
  const prefixed = STACK_PREFIX.exec(resource);
  const [stackPattern, addressPattern] = prefixed ? [prefixed[1], prefixed[2]] : [undefined, resource];
  const glob = (pattern: string): ((s: string) => boolean) => {
    const isMatch = picomatch(pattern, { dot: true });
    return (s) => s === pattern || isMatch(s);
  };
  const stackOk = stackPattern === undefined ? () => true : glob(stackPattern);
  const addressOk = glob(addressPattern);
  return (stack, address) => stackOk(stack) && addressOk(address);
}

export interface WaiverOutcome {
  readonly findings: Finding[];
  readonly problems: WaiverProblem[];
}

/**
 * Marks failing findings covered by a live waiver as `waived`. Expired waivers
 * waive nothing; they and live waivers matching no failing finding come back
 * as problems.
 */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], now: Date): WaiverOutcome {
  if (waivers.length === 0) return { findings: [...findings], problems: [] };
  const problems: WaiverProblem[] = [];
  const live = new Map<string, { waiver: Waiver; matches: (stack: string, address: string) => boolean; used: boolean }[]>();
  for (const waiver of waivers) {
    if (isExpired(waiver, now)) {
      problems.push({
        waiver,
        problem: 'expired',
        message: `waiver expired on ${waiver.expires} (owner ${waiver.owner}); renew it with a new date or fix the finding`,
      });
      continue;
    }
    const entry = { waiver, matches: resourceMatcher(waiver.resource), used: false };
    const list = live.get(waiver.control);
    if (list) list.push(entry);
    else live.set(waiver.control, [entry]);
  }
  const out = findings.map((f) => {
    if (f.status !== 'fail') return f;
    const entry = live.get(f.controlId)?.find((w) => w.matches(f.stack, f.address));
    if (!entry) return f;
    entry.used = true;
    return { ...f, status: 'waived' as const, waiver: entry.waiver };
  });
  for (const list of live.values()) {
    for (const { waiver, used } of list) {
      if (!used) {
        problems.push({
          waiver,
          problem: 'unused',
          message: `waiver (owner ${waiver.owner}) matches no failing finding of ${waiver.control}; remove it`,
        });
      }
    }
  }
  return { findings: out, problems };
}
