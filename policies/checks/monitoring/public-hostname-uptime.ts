import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isTrue } from '../../values';
import { stackStage } from '../common/stage';
import { urlHost } from '../common/monitoring-routes';

const WEB_RECORD_TYPES: readonly string[] = ['A', 'AAAA', 'CNAME'];

const normalise = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

/** The record's FQDN: its name, completed with the zone's name when it is relative and the zone is in the stack. */
function fqdn(record: InventoryResource, index: InventoryIndex): string | undefined {
  const name = typeof record.values.name === 'string' ? normalise(record.values.name) : '';
  if (name.includes('.')) return name;
  const zone = index.referencedBy(record, 'cloudflare_zone')[0]?.values.name;
  if (typeof zone !== 'string') return name === '' || name === '@' ? undefined : name;
  return name === '' || name === '@' ? normalise(zone) : `${name}.${normalise(zone)}`;
}

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
  const stage = stackStage(record.stack, index);
  const stages = new Map<string, string | undefined>();
  const sameStage = (stack: string): boolean => {
    if (stage === undefined) return stack === record.stack;
    if (!stages.has(stack)) stages.set(stack, stackStage(stack, index));
    return stages.get(stack) === stage;
  };
  const checks = index
    .byType('digitalocean_uptime_check')
    .filter((c) => c.values.enabled !== false && c.values.enabled !== 'false' && sameStage(c.stack));
  const matches = (checkHost: string): boolean =>
    host === undefined ? true : host.includes('.') ? checkHost === host : checkHost.split('.')[0] === host;
  const check = checks.find((c) => {
    const checkHost = urlHost(c.values.target);
    return checkHost !== undefined && matches(checkHost);
  });
  if (!check) {
    const where = stage ? `any ${stage} stack` : `stack ${record.stack}`;
    return fail(`no enabled digitalocean_uptime_check in ${where} targets ${host ?? 'the zone apex'}`, 'name');
  }
  return pass(`${check.address} watches ${host ?? 'the zone apex'}`, 'name');
}
