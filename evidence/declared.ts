/**
 * What the edge stack declares for its Cloudflare zone, read from the
 * synthesized Terraform JSON of `edge-<env>`: the same `cdk.tf.json` that
 * `cdktf deploy` hands to Terraform, read with the audit's own cdktf reader so
 * resource addresses in evidence reports match the audit reports.
 */
import { InputError } from '../policies/errors';
import type { InventoryResource } from '../policies/types';
import { isRecord, isReference } from '../policies/values';

export interface DeclaredSetting {
  readonly address: string;
  /** `ssl`, `min_tls_version`, `security_header`, … */
  readonly settingId: string;
  readonly value: unknown;
}

/** One ruleset rule, in the API's snake_case field names. */
export interface DeclaredRule {
  readonly action: string;
  readonly expression: string;
  readonly enabled: boolean;
  readonly description?: string;
  readonly action_parameters?: Readonly<Record<string, unknown>>;
  readonly ratelimit?: Readonly<Record<string, unknown>>;
}

export interface DeclaredRuleset {
  readonly address: string;
  /** Entry-point phase, e.g. `http_request_firewall_managed`. */
  readonly phase: string;
  readonly rules: readonly DeclaredRule[];
}

export interface DeclaredRecord {
  readonly address: string;
  readonly name: string;
  readonly type: string;
  readonly proxied: boolean;
}

export interface DeclaredRegionalHostname {
  readonly address: string;
  readonly hostname: string;
  readonly regionKey: string;
}

/** Everything one stack declares for one zone. */
export interface DeclaredZone {
  readonly zoneId: string;
  readonly stack: string;
  readonly settings: readonly DeclaredSetting[];
  readonly dnssec?: { readonly address: string; readonly status: string };
  readonly rulesets: readonly DeclaredRuleset[];
  readonly records: readonly DeclaredRecord[];
  readonly regionalHostnames: readonly DeclaredRegionalHostname[];
  readonly originPulls?: { readonly address: string; readonly enabled: boolean };
}

/** The declared side cannot be built (no edge, a stack that does not synthesize, a zone id that is a reference); the message says why. */
export class DeclaredError extends InputError {
  override readonly name = 'DeclaredError';
}

/** A DeclaredZone while it is being collected: the same fields, lists writable. */
type Collecting = { -readonly [K in keyof DeclaredZone]: DeclaredZone[K] extends readonly (infer T)[] ? T[] : DeclaredZone[K] };

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const record = (v: unknown): Readonly<Record<string, unknown>> | undefined => (isRecord(v) ? v : undefined);

function rulesOf(r: InventoryResource): DeclaredRule[] {
  const rules = Array.isArray(r.values.rules) ? r.values.rules : [];
  return rules.filter(isRecord).map((rule) => ({
    action: text(rule.action) ?? '',
    expression: text(rule.expression) ?? '',
    // Terraform's default for a rule without `enabled` is enabled.
    enabled: rule.enabled !== false && rule.enabled !== 'false',
    ...(text(rule.description) !== undefined ? { description: text(rule.description) } : {}),
    ...(record(rule.action_parameters) ? { action_parameters: record(rule.action_parameters) } : {}),
    ...(record(rule.ratelimit) ? { ratelimit: record(rule.ratelimit) } : {}),
  }));
}

/**
 * The zones the resources of one stack declare, grouped by `zone_id` in
 * first-seen order. Pure. A zone id that is a Terraform reference cannot be
 * looked up before deploy, so it is refused with a message naming the resource.
 */
export function declaredZones(resources: readonly InventoryResource[], stack: string): DeclaredZone[] {
  const zones = new Map<string, Collecting>();
  const zoneOf = (r: InventoryResource): Collecting => {
    const zoneId = r.values.zone_id;
    if (typeof zoneId !== 'string' || zoneId === '' || isReference(zoneId)) {
      throw new DeclaredError(
        `${stack}: ${r.address} has zone_id ${JSON.stringify(zoneId)}; live evidence needs the literal zone id (32 hex characters) of an existing zone in the config's edge.zoneId.`,
      );
    }
    let zone = zones.get(zoneId);
    if (!zone) {
      zone = { zoneId, stack, settings: [], rulesets: [], records: [], regionalHostnames: [] };
      zones.set(zoneId, zone);
    }
    return zone;
  };

  for (const r of resources) {
    const v = r.values;
    switch (r.type) {
      case 'cloudflare_zone_setting':
        zoneOf(r).settings.push({ address: r.address, settingId: text(v.setting_id) ?? '', value: v.value });
        break;
      case 'cloudflare_zone_dnssec':
        // The provider's default for a declared cloudflare_zone_dnssec is an active (signed) zone.
        zoneOf(r).dnssec = { address: r.address, status: text(v.status) ?? 'active' };
        break;
      case 'cloudflare_ruleset':
        if (v.kind === 'zone' && typeof v.phase === 'string') zoneOf(r).rulesets.push({ address: r.address, phase: v.phase, rules: rulesOf(r) });
        break;
      case 'cloudflare_dns_record':
        zoneOf(r).records.push({ address: r.address, name: text(v.name) ?? '', type: text(v.type) ?? '', proxied: v.proxied === true || v.proxied === 'true' });
        break;
      case 'cloudflare_regional_hostname':
        zoneOf(r).regionalHostnames.push({ address: r.address, hostname: text(v.hostname) ?? '', regionKey: text(v.region_key) ?? '' });
        break;
      case 'cloudflare_authenticated_origin_pulls_settings':
        zoneOf(r).originPulls = { address: r.address, enabled: v.enabled === true || v.enabled === 'true' };
        break;
      default:
        break; // logpush jobs, providers, backends: not compared (see README "Live evidence")
    }
  }
  return [...zones.values()];
}
