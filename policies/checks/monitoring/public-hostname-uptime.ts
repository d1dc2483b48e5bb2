import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isTrue } from '../../values';
import { normalise } from '../cloudflare/helpers/dns';
import { indexLookup } from '../../index-lookup';
import { stageOf } from '../common/stage';
import { urlHost } from './helpers/routes';

const WEB_RECORD_TYPES: readonly string[] = ['A', 'AAAA', 'CNAME'];

/** The record's FQDN: its name, completed with the zone's name when it is relative and the zone is in the stack. */
function fqdn(record: InventoryResource, index: InventoryIndex): string | undefined {
  const name = typeof record.values.name === 'string' ? normalise(record.values.name) : '';
  if (name.includes('.')) return name;
  const zone = index.referencedBy(record, 'cloudflare_zone')[0]?.values.name;
  if (typeof zone !== 'string') return name === '' || name === '@' ? undefined : name;
  return name === '' || name === '@' ? normalise(zone) : `${name}.${normalise(zone)}`;
}

/** The enabled uptime checks of one stage (or one stack of unknown stage), by the host they target; the first check wins. */
interface UptimeTargets {
  /** The first check with a readable target host, for a record whose host is unknown (the apex of an unmanaged zone). */
  any?: InventoryResource;
  readonly byHost: Map<string, InventoryResource>;
  /** By the first label of the target host, for relative record names. */
  readonly byFirstLabel: Map<string, InventoryResource>;
}

/** `stage\0prod` (or `stack\0NAME` when the stack's stage is unknown) → its checks' targets, built once per audit. */
const uptimeTargets = indexLookup((index: InventoryIndex): ReadonlyMap<string, UptimeTargets> => {
  const groups = new Map<string, UptimeTargets>();
  for (const c of index.byType('digitalocean_uptime_check')) {
    const host = c.values.enabled === false || c.values.enabled === 'false' ? undefined : urlHost(c.values.target);
    if (host === undefined) continue;
    const key = groupKey(c.stack, stageOf(c.stack, index));
    let targets = groups.get(key);
    if (!targets) groups.set(key, (targets = { byHost: new Map(), byFirstLabel: new Map() }));
    targets.any ??= c;
    if (!targets.byHost.has(host)) targets.byHost.set(host, c);
    const label = host.split('.')[0];
    if (!targets.byFirstLabel.has(label)) targets.byFirstLabel.set(label, c);
  }
  return groups;
});

const groupKey = (stack: string, stage: string | undefined): string => (stage ? `stage\u0000${stage}` : `stack\u0000${stack}`);

/**
 * Every public hostname has an uptime check (the promised uptime must be
 * measured): each proxied A/AAAA/CNAME `cloudflare_dns_record` is the host of
 * an enabled `digitalocean_uptime_check` target in a stack of the same stage
 * (edge-prod ↔ platform-prod, by `stackStage`; the record's own stack when
 * the stage is unknown). Relative names are completed with the name of the
 * `cloudflare_zone` the record references; without one, a relative name
 * matches a check host by its first label and the apex (`@`) any check.
 * Wildcard records cannot be probed and are not applicable.
 */
export function publicHostnameUptime(record: InventoryResource, index: InventoryIndex): CheckResult {
  const v = record.values;
  if (!isTrue(v.proxied) || !WEB_RECORD_TYPES.includes(String(v.type).toUpperCase())) return notApplicable('not a proxied web record');
  const host = fqdn(record, index);
  if (host?.startsWith('*')) return notApplicable('wildcard record');
  const stage = stageOf(record.stack, index);
  const targets = uptimeTargets(index).get(groupKey(record.stack, stage));
  const check = host === undefined ? targets?.any : host.includes('.') ? targets?.byHost.get(host) : targets?.byFirstLabel.get(host);
  if (!check) {
    const where = stage ? `any ${stage} stack` : `stack ${record.stack}`;
    return fail(`no enabled digitalocean_uptime_check in ${where} targets ${host ?? 'the zone apex'}`, 'name');
  }
  return pass(`${check.address} watches ${host ?? 'the zone apex'}`, 'name');
}

export const control: ResourceControl = {
  id: 'TOM-MON-04',
  title: 'Every public hostname has an uptime check',
  severity: 'medium',
  iso27001_2022: ['A.8.16', 'A.5.30'],
  iso27001_2013: [],
  gdprArt32: ['b'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M13'],
  measure: 'The uptime of every public service is measured, so the promised availability can be shown.',
  equivalents: [],
  rationale:
    'Hostnames are added in the edge stack, uptime checks live in the platform stack: a new public name without a check is easy to miss, and its downtime never enters the SLA figures. Records are matched to checks of the same stage (edge-prod with platform-prod).',
  remediation: 'For each proxied A/AAAA/CNAME cloudflare_dns_record add a digitalocean_uptime_check with target "https://<record name>" in the platform stack of the same environment.',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['cloudflare_dns_record', 'cloudflare_record'],
  check: publicHostnameUptime,
};
