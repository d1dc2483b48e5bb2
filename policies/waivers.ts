/**
 * Waivers: accepted exceptions to failing controls, kept in `policies/waivers.yaml`.
 * Each names a control, a resource (exact address or glob, optionally
 * `stack:`-prefixed), a reason that is a real sentence, an owner and an expiry
 * date. A waived finding is reported as waived, never as passed; a waiver that
 * has expired, runs longer than the maximum lifetime or matches no failing
 * finding is itself a failure of the run.
 *
 * A waiver cannot quietly switch a control off: a `resource` glob that matches
 * every address (`*`, `**`, `stack:*`, `*.*`) is refused unless the waiver says
 * `scope: all`, so whoever reviews the file sees that it is deliberate.
 */
import picomatch from 'picomatch';
import { isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from './errors';
import { displayPath, NODE_FS, readRegularFile, unreachable, type InputFs } from './input-files';
import type { Finding, Waiver, WaiverProblem } from './types';
import { isRecord } from './values';

const FIELDS = ['control', 'resource', 'reason', 'owner', 'expires', 'scope'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date that exists (`2025-02-30` does not). */
function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const words = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;
/** Different words with a letter in them: "TODO TODO TODO TODO TODO" is one. */
const distinctWords = (s: string): number => new Set(s.toLowerCase().split(/\s+/).filter((w) => /\p{L}/u.test(w))).size;

/** Control, line-separator and bidi characters: no waiver field needs them, and they can disguise one. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const NO_CONTROLS = 'must not contain control characters';
/** A string field without control characters; a reason may be a YAML block of several lines. */
const plain = (lineBreaks = false) =>
  z.string().refine((s) => !CONTROL_CHARS.test(lineBreaks ? s.replace(/[\t\r\n]/g, ' ') : s), NO_CONTROLS);

// A stack prefix is a plain name (no dots or brackets) before the first `:`.
const STACK_PREFIX = /^([^.:[\]"]+):(.+)$/;

/**
 * Addresses of every shape the readers produce (cdktf, plan with modules and
 * instance keys, CloudFormation logical ids, providers, backends, cdk-nag
 * findings): a pattern that matches all of them matches everything.
 */
const PROBE_ADDRESSES = [
  'a',
  'Q7',
  'digitalocean_vpc.main',
  'module.db["eu-1"].aws_s3_bucket.logs[0]',
  'BackupVault8F2C1A3B',
  'provider.cloudflare.eu',
  'terraform.backend.s3',
  'VaultBucket#AwsSolutions-S1',
  '.hidden_x',
];

/**
 * True when `resource` (its address part; a stack prefix only narrows to one
 * stack) waives every resource: it has no literal letter or digit outside the
 * glob syntax (`*`, `**`, `*.*`, `?*`, `[a-z]*`), or it matches every probe
 * address (`{*,x}`, `!(x)`, `**​/*`).
 */
export function matchesEverything(resource: string): boolean {
  const address = STACK_PREFIX.exec(resource)?.[2] ?? resource;
  const literal = address.replace(/\[[^\]]*\]/g, '').replace(/[*?!@+(){}|,\\]/g, '');
  if (!/[\p{L}\p{N}]/u.test(literal)) return true;
  const isMatch = picomatch(address, { dot: true });
  return PROBE_ADDRESSES.every((a) => isMatch(a));
}

// Each message says what is allowed; the loader adds the file, the waiver and the value.
const SENTENCE = 'must be a real sentence: at least 20 characters and more than 3 different words';
const WAIVER_SCHEMA = z
  .object({
    control: plain().regex(/^\S+$/, 'must be a control id such as TOM-NET-02'),
    resource: plain().regex(/^\S+$/, 'must be a resource address or glob, optionally prefixed with `stack:`'),
    reason: plain(true).refine((s) => s.trim().length >= 20 && words(s) > 3 && distinctWords(s) > 3, SENTENCE),
    owner: plain().regex(/[\p{L}\p{N}]/u, 'must name who answers for the waiver (a person or team)'),
    expires: z.string().refine(isRealDate, 'must be a date as YYYY-MM-DD'),
    scope: z.literal('all', { error: 'may only be `all`: write it to waive the control for every resource matched, deliberately' }).optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.scope !== 'all' && matchesEverything(w.resource)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resource'],
        message:
          'matches every resource, which switches the control off; name the resources (an address, or a glob such as ' +
          '`digitalocean_firewall.*`), or add `scope: all` to the waiver to say that this is deliberate',
      });
    }
  });
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
  const allowed =
    issue.code === 'invalid_type' && field !== 'scope' ? `must be a string${field === 'expires' ? ' as YYYY-MM-DD (quote it)' : ''}` : issue.message;
  return `${label}: \`${field}\` is ${value === undefined ? 'missing' : JSON.stringify(value)}; it ${allowed}`;
}

/** Parses and validates waiver YAML; `file` names it in errors. Empty text means no waivers. */
export function parseWaivers(text: string, file: string): Waiver[] {
  let raw: unknown;
  // Line numbers of the list entries, so a waiver problem can point at its line.
  const lines = new LineCounter();
  let starts: number[] = [];
  try {
    // Core schema: dates stay strings, so `expires: 2025-01-31` reads as written. Duplicate keys
    // are an error (the first `resource:` of a waiver would silently lose to a second); aliases
    // are bounded (an alias bomb is an error, not a hang). Node ranges give each waiver its line.
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    if (doc.errors.length > 0) throw doc.errors[0];
    raw = doc.toJS({ maxAliasCount: 100 });
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

/**
 * Reads a waivers file. A missing file is an error only when `required` (named
 * on the command line); a folder, FIFO, device, dangling link or unreadable
 * file is always one.
 */
export function loadWaivers(file: string, required = true, fs: InputFs = NODE_FS): Waiver[] {
  try {
    fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code !== 'ENOENT') throw unreachable(file, err, fs);
    if (!required) return [];
    throw new InputError(`${displayPath(file)}: waivers file not found.`);
  }
  return parseWaivers(readRegularFile(file, 'a waivers YAML file', fs), displayPath(file));
}

/** How long a waiver may run from the audit's clock unless configured otherwise: a year, so each one is looked at again. */
export const DEFAULT_MAX_WAIVER_DAYS = 365;

/** The last expiry date (YYYY-MM-DD, UTC) a waiver may have when audited at `now`. */
export function latestExpiry(now: Date, maxDays: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + maxDays)).toISOString().slice(0, 10);
}

/** True once `now` is past the end (UTC) of the waiver's expiry day. */
export function isExpired(waiver: Waiver, now: Date): boolean {
  const [y, m, d] = waiver.expires.split('-').map(Number);
  return now.getTime() >= Date.UTC(y, m - 1, d + 1);
}

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

export interface ApplyWaiverOptions {
  /** Longest a waiver may run from `now`, in days. @default DEFAULT_MAX_WAIVER_DAYS */
  readonly maxDays?: number;
}

/**
 * Marks failing findings covered by a live waiver as `waived`. Expired waivers
 * and waivers expiring later than `maxDays` from `now` waive nothing; they and
 * live waivers matching no failing finding come back as problems.
 */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], now: Date, options: ApplyWaiverOptions = {}): WaiverOutcome {
  if (waivers.length === 0) return { findings: [...findings], problems: [] };
  const maxDays = options.maxDays ?? DEFAULT_MAX_WAIVER_DAYS;
  const latest = latestExpiry(now, maxDays);
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
    if (waiver.expires > latest) {
      problems.push({
        waiver,
        problem: 'too-long',
        message:
          `waiver runs until ${waiver.expires}, past the longest lifetime of ${maxDays} days (latest ${latest}); ` +
          'it waives nothing until it gets an earlier date (review it again then)',
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
