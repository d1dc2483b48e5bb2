/**
 * Cloudflare zones of a stack, for the zone-wide edge controls.
 *
 * Zone settings, DNSSEC, rulesets and Logpush jobs are separate resources that
 * only belong together through their `zone_id`. A stack may manage several
 * zones, so the edge stack controls group the stack's `cloudflare_*` resources
 * by zone and require each zone to carry the setting.
 */
import { fail, notApplicable, pass } from '../../../types';
import type { CheckResult, InventoryIndex, InventoryResource, StackInfo } from '../../../types';
import { attr, block, show } from '../../../values';
import { addTo, indexLookupBy } from '../../../index-lookup';

export interface Zone {
  /** What groups the resources: a literal zone id, `cloudflare_zone.NAME`, or the unresolved expression. */
  readonly key: string;
  /** The zone's `cloudflare_zone` resource, when the stack manages it. */
  readonly zone?: InventoryResource;
  readonly resources: readonly InventoryResource[];
}

/** Why a zone fails a control, and the attribute path (resource-qualified) that decided it. */
export interface ZoneProblem {
  readonly reason: string;
  readonly path: string;
}

const ZONE_INTERPOLATION = /\$\{cloudflare_zone\.([A-Za-z_][A-Za-z0-9_-]*)\./;

/**
 * The zone a resource belongs to. `${cloudflare_zone.main.id}` and the
 * `cloudflare_zone.main` resource itself share the key `cloudflare_zone.main`;
 * a literal id or any other expression is its own key; a resource without
 * `zone_id` (plan JSON leaves unknown values out) falls back to the one
 * `cloudflare_zone` it references. Account-level resources have no zone.
 */
export function zoneKey(resource: InventoryResource, index: InventoryIndex): string | undefined {
  if (resource.type === 'cloudflare_zone') return resource.address;
  const id = resource.values.zone_id;
  if (typeof id === 'string' && id !== '') {
    const ref = ZONE_INTERPOLATION.exec(id);
    return ref ? `cloudflare_zone.${ref[1]}` : id;
  }
  const zones = index.referencedBy(resource, 'cloudflare_zone');
  return zones.length === 1 ? zones[0].address : undefined;
}

/** The zones of a stack, each with its zone-scoped Cloudflare resources, in first-seen order. */
export function stackZones(stack: StackInfo, index: InventoryIndex): readonly Zone[] {
  return zonesOfStack(index, stack.name);
}

const zonesOfStack = indexLookupBy((index: InventoryIndex, stack: string): readonly Zone[] => groupZones(stack, index));

function groupZones(stack: string, index: InventoryIndex): Zone[] {
  const groups = new Map<string, InventoryResource[]>();
  for (const r of index.byStack(stack)) {
    if (!r.type.startsWith('cloudflare_')) continue;
    const key = zoneKey(r, index);
    if (key !== undefined) addTo(groups, key, r);
  }
  return [...groups].map(([key, resources]) => ({
    key,
    zone: resources.find((r) => r.type === 'cloudflare_zone'),
    resources,
  }));
}

/** How a zone is named in a reason: its domain when the stack manages the zone, else its key. */
export function zoneLabel(zone: Zone): string {
  const name = zone.zone?.values.name;
  return typeof name === 'string' ? `${name} (${zone.key})` : zone.key;
}

/**
 * Runs `problemOf` on every zone of the stack: not applicable without zones,
 * fail naming every failing zone (path of the first), pass otherwise.
 */
export function checkZones(
  stack: StackInfo,
  index: InventoryIndex,
  passed: string,
  problemOf: (zone: Zone) => ZoneProblem | undefined,
): CheckResult {
  const zones = stackZones(stack, index);
  if (zones.length === 0) return notApplicable('the stack manages no Cloudflare zone');
  const problems = zones.flatMap((zone) => {
    const p = problemOf(zone);
    return p ? [{ zone, ...p }] : [];
  });
  if (problems.length === 0) return pass(`${passed} (zone ${zones.map(zoneLabel).join(', ')})`);
  return fail(problems.map((p) => `zone ${zoneLabel(p.zone)}: ${p.reason}`).join('; '), problems[0].path);
}

/** The zone's resources of one or more types. */
export function zoneResources(zone: Zone, ...types: string[]): InventoryResource[] {
  return zone.resources.filter((r) => types.includes(r.type));
}

/** One zone setting as found, with the path that holds it. */
export interface ZoneSettingValue {
  readonly value: unknown;
  /** The resource that holds it. */
  readonly address: string;
  readonly path: string;
  /** `v5`: `cloudflare_zone_setting.value`; `v4`: a field of `cloudflare_zone_settings_override.settings`. */
  readonly shape: 'v5' | 'v4';
}

/**
 * A zone setting: provider v5 `cloudflare_zone_setting { setting_id, value }`
 * first, else provider v4 `cloudflare_zone_settings_override { settings { … } }`.
 */
export function zoneSetting(zone: Zone, settingId: string): ZoneSettingValue | undefined {
  for (const r of zoneResources(zone, 'cloudflare_zone_setting')) {
    if (r.values.setting_id === settingId) return { value: attr(r.values, 'value'), address: r.address, path: `${r.address}.value`, shape: 'v5' };
  }
  for (const r of zoneResources(zone, 'cloudflare_zone_settings_override')) {
    const settings = block(r.values, 'settings');
    if (settings?.[settingId] !== undefined) {
      return { value: attr(settings, settingId), address: r.address, path: `${r.address}.settings.${settingId}`, shape: 'v4' };
    }
  }
  return undefined;
}

/**
 * The problem with a string-valued setting (`ssl`, `always_use_https`, …), or
 * undefined when `accepts(value)`. `required` says what is allowed, for the reason.
 */
export function settingProblem(
  zone: Zone,
  settingId: string,
  accepts: (value: unknown) => boolean,
  required: string,
): ZoneProblem | undefined {
  const setting = zoneSetting(zone, settingId);
  if (!setting) {
    return {
      reason: `no ${settingId} setting is managed, so the Cloudflare default applies (required: ${required})`,
      path: missingResourcePath('cloudflare_zone_setting', 'setting_id', settingId),
    };
  }
  if (accepts(setting.value)) return undefined;
  return { reason: `${setting.address} sets ${settingId} to ${show(setting.value)} (required: ${required})`, path: setting.path };
}

/** `cloudflare_ruleset`s of the zone in one phase (`http_request_firewall_managed`, `http_ratelimit`, …). */
export function zoneRulesets(zone: Zone, phase: string): InventoryResource[] {
  return zoneResources(zone, 'cloudflare_ruleset').filter((r) => r.values.phase === phase);
}

/** Several problems of one zone as one: all reasons, the first path. Undefined when there are none. */
export function combine(problems: readonly ZoneProblem[], prefix = ''): ZoneProblem | undefined {
  if (problems.length === 0) return undefined;
  return { reason: `${prefix}${problems.map((p) => p.reason).join('; ')}`, path: problems[0].path };
}

/** Path missing resources are reported under, e.g. `cloudflare_ruleset[phase=http_ratelimit]`. */
export const missingResourcePath = (type: string, key: string, value: string): string => `${type}[${key}=${value}]`;
