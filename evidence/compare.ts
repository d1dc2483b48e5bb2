/**
 * Declared against observed, one finding per declared item: `pass` when
 * Cloudflare holds what the stack declares, `fail` with both values side by
 * side (`declared "strict", observed "full"`) when it does not. Pure: it sees
 * only the two sides and reads nothing.
 *
 * Objects compare by the declared fields: the API adds fields of its own (ids,
 * versions, timestamps) that the stack never declares. Two exceptions, because
 * they change what runs: a ruleset rule added outside the code, and overrides
 * on an `execute` rule (they can switch a managed ruleset to log-only).
 */
import { terminalSafe, terminalSafeJson } from '../backup/terminal-text';
import type { Finding } from '../policies/types';
import { isRecord } from '../policies/values';
import { controlById, ITEM_CONTROL } from './controls';
import type { DeclaredRule, DeclaredRuleset, DeclaredZone } from './declared';
import { endpoints } from './endpoints';
import type { ObservedRule, ObservedRuleset, ObservedZone } from './observed';

/** One difference, both sides already written for a reader. */
interface Diff {
  readonly path: string;
  readonly declared: string;
  readonly observed: string;
}

/** A value as it appears in a reason: JSON (escaped for a terminal, see terminal-text.ts), or `nothing` when absent. */
export function show(v: unknown): string {
  return v === undefined ? 'nothing' : terminalSafeJson(JSON.stringify(v));
}

/** `sub` below `path`: `security_header` + `strict_transport_security.max_age`, `rules` + `[0].expression`. */
const below = (path: string, sub: string): string => (!sub ? path : !path || sub.startsWith('[') ? `${path}${sub}` : `${path}.${sub}`);

const isPrimitiveList = (v: unknown): v is (string | number | boolean)[] => Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null);

/** Lists of plain values (rate-limit characteristics) are sets to Cloudflare: order does not matter. */
const sameSet = (a: readonly unknown[], b: readonly unknown[]): boolean => {
  const key = (l: readonly unknown[]) => JSON.stringify(l.map((x) => JSON.stringify(x)).sort());
  return a.length === b.length && key(a) === key(b);
};

/** Where `observed` differs from `declared`, by the declared fields (see the file comment). */
export function differences(declared: unknown, observed: unknown, path = ''): Diff[] {
  if (isRecord(declared) && isRecord(observed)) {
    return Object.keys(declared).flatMap((k) => differences(declared[k], observed[k], below(path, k)));
  }
  if (isPrimitiveList(declared) && isPrimitiveList(observed)) {
    return sameSet(declared, observed) ? [] : [{ path, declared: show(declared), observed: show(observed) }];
  }
  return JSON.stringify(declared) === JSON.stringify(observed) ? [] : [{ path, declared: show(declared), observed: show(observed) }];
}

interface Item {
  readonly controlId: string;
  readonly address: string;
  readonly resourceType: string;
  readonly source: string;
  /** What the item is about when the address alone does not say it (a hostname); starts the reason. */
  readonly subject?: string;
  /** Attribute path of the item; each difference's path is below it. */
  readonly path: string;
  readonly diffs: readonly Diff[];
  /** Reason of a pass: both sides, equal. */
  readonly matched: string;
}

/** `path: declared X, observed Y; …` — the path is left out where it is the item itself (`declared "strict", observed "full"`). */
function describe(item: Item): string {
  const diffs = item.diffs.map((d) => `${d.path ? `${below(item.path, d.path)}: ` : ''}declared ${d.declared}, observed ${d.observed}`).join('; ');
  return item.subject ? `${item.subject}: ${diffs}` : diffs;
}

function toFinding(item: Item, stack: string): Finding {
  const control = controlById(item.controlId);
  const failed = item.diffs.length > 0;
  return {
    controlId: control.id,
    severity: control.severity,
    address: item.address,
    stack,
    resourceType: item.resourceType,
    source: item.source,
    status: failed ? 'fail' : 'pass',
    reason: failed ? describe(item) : item.subject ? `${item.subject}: ${item.matched}` : item.matched,
    path: failed ? below(item.path, item.diffs[0].path) : item.path,
  };
}

// ---- rulesets ---------------------------------------------------------------

type AnyRule = DeclaredRule | ObservedRule;

const managedId = (r: AnyRule): string | undefined => (typeof r.action_parameters?.id === 'string' ? r.action_parameters.id : undefined);

/** How a rule is recognised on both sides: the managed ruleset it executes, else its description, else its action and expression. */
function ruleKey(r: AnyRule): string {
  const id = managedId(r);
  if (r.action === 'execute' && id) return `execute ${id}`;
  return r.description ? `"${r.description}"` : `${r.action} "${r.expression}"`;
}

/** A rule for a reason; observed rules come from the API, so every part is escaped (terminal-text.ts). */
function ruleLabel(r: AnyRule): string {
  const id = managedId(r);
  const what = r.action === 'execute' && id ? `execute ${terminalSafe(id)}` : `${terminalSafe(r.action)} ${show(r.expression)}`;
  return r.description ? `${what} (${terminalSafe(r.description)})` : what;
}

function ruleDiffs(declared: DeclaredRule, observed: ObservedRule, at: string): Diff[] {
  const diffs = [
    ...differences(declared.action, observed.action, below(at, 'action')),
    ...differences(declared.expression, observed.expression, below(at, 'expression')),
    // The API may leave `enabled` out for an enabled rule.
    ...differences(declared.enabled, observed.enabled ?? true, below(at, 'enabled')),
    ...differences(declared.action_parameters ?? {}, observed.action_parameters ?? {}, below(at, 'action_parameters')),
    ...differences(declared.ratelimit ?? {}, observed.ratelimit ?? {}, below(at, 'ratelimit')),
  ];
  const overrides = { declared: declared.action_parameters?.overrides, observed: observed.action_parameters?.overrides };
  if (overrides.declared === undefined && overrides.observed !== undefined) {
    diffs.push({ path: below(at, 'action_parameters.overrides'), declared: 'nothing', observed: show(overrides.observed) });
  }
  return diffs;
}

function rulesetDiffs(declared: DeclaredRuleset, observed: ObservedRuleset): Diff[] {
  if (!observed.present && declared.rules.length > 0) {
    return [{ path: '', declared: `${declared.rules.length} rule(s)`, observed: `no entry-point ruleset for ${declared.phase}` }];
  }
  const unmatched = [...observed.rules];
  const diffs: Diff[] = [];
  declared.rules.forEach((rule, i) => {
    const at = `[${i}]`;
    const j = unmatched.findIndex((o) => ruleKey(o) === ruleKey(rule));
    if (j < 0) {
      diffs.push({ path: at, declared: `rule ${ruleLabel(rule)}`, observed: 'no such rule' });
      return;
    }
    diffs.push(...ruleDiffs(rule, unmatched[j], at));
    unmatched.splice(j, 1);
  });
  for (const extra of unmatched) diffs.push({ path: '', declared: 'no such rule', observed: `rule ${ruleLabel(extra)} (added outside the code)` });
  return diffs;
}

function rulesetMatched(declared: DeclaredRuleset, observed: ObservedRuleset): string {
  if (declared.rules.length === 0) return `declared no rules, observed ${observed.present ? 'an empty ruleset' : 'no entry-point ruleset'} (no rules run)`;
  return `declared ${declared.rules.length} rule(s) [${declared.rules.map(ruleLabel).join('; ')}], observed the same`;
}

// ---- the zone ---------------------------------------------------------------

const hostKey = (name: string): string => name.toLowerCase().replace(/\.$/, '');
const same = (v: unknown): string => `declared ${show(v)}, observed ${show(v)}`;

/** One finding per declared item of the zone. */
export function compareZone(declared: DeclaredZone, observed: ObservedZone): Finding[] {
  const zone = declared.zoneId;
  const items: Item[] = [];

  for (const s of declared.settings) {
    const diffs = differences(s.value, observed.settings.get(s.settingId));
    items.push({
      controlId: ITEM_CONTROL.setting(s.settingId),
      address: s.address,
      resourceType: 'cloudflare_zone_setting',
      source: endpoints.setting(zone, s.settingId),
      path: s.settingId,
      diffs,
      matched: same(s.value),
    });
  }

  if (declared.dnssec) {
    const { address, status } = declared.dnssec;
    items.push({
      controlId: ITEM_CONTROL.dnssec,
      address,
      resourceType: 'cloudflare_zone_dnssec',
      source: endpoints.dnssec(zone),
      path: 'status',
      diffs: differences(status, observed.dnssecStatus),
      matched: same(status),
    });
  }

  for (const r of declared.rulesets) {
    const live = observed.rulesets.get(r.phase) ?? { present: false, rules: [] };
    items.push({
      controlId: ITEM_CONTROL.phase(r.phase),
      address: r.address,
      resourceType: 'cloudflare_ruleset',
      source: endpoints.phase(zone, r.phase),
      path: 'rules',
      diffs: rulesetDiffs(r, live),
      matched: rulesetMatched(r, live),
    });
  }

  for (const rec of declared.records) {
    const live = observed.records.find((o) => o.type === rec.type && hostKey(o.name) === hostKey(rec.name));
    const proxied = live?.proxied ?? false;
    items.push({
      controlId: ITEM_CONTROL.record,
      address: rec.address,
      resourceType: 'cloudflare_dns_record',
      source: endpoints.dnsRecords(zone),
      subject: `${rec.type} ${rec.name}`,
      path: 'proxied',
      diffs: !live
        ? [{ path: '', declared: `proxied ${rec.proxied}`, observed: `no ${rec.type} record of that name` }]
        : proxied !== rec.proxied
          ? [{ path: '', declared: `proxied ${rec.proxied}`, observed: `proxied ${proxied}` }]
          : [],
      matched: `declared proxied ${rec.proxied}, observed proxied ${proxied}`,
    });
  }

  for (const h of declared.regionalHostnames) {
    const live = observed.regionalHostnames.find((o) => hostKey(o.hostname) === hostKey(h.hostname));
    items.push({
      controlId: ITEM_CONTROL.regionalHostname,
      address: h.address,
      resourceType: 'cloudflare_regional_hostname',
      source: endpoints.regionalHostnames(zone),
      subject: h.hostname,
      path: 'region_key',
      diffs: live ? differences(h.regionKey, live.region_key) : [{ path: '', declared: `region ${show(h.regionKey)}`, observed: 'no regional hostname' }],
      matched: same(h.regionKey),
    });
  }

  if (declared.originPulls) {
    const { address, enabled } = declared.originPulls;
    items.push({
      controlId: ITEM_CONTROL.originPulls,
      address,
      resourceType: 'cloudflare_authenticated_origin_pulls_settings',
      source: endpoints.originPulls(zone),
      path: 'enabled',
      diffs: differences(enabled, observed.originPullsEnabled),
      matched: same(enabled),
    });
  }

  return items.map((item) => toFinding(item, declared.stack));
}
