import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass, unknown } from '../../types';
import { attr, block, isReference, strings, unresolved } from '../../values';
import { parseCidr } from '../../cidr';
import { isInsideCloudflare } from './helpers/cloudflare-ranges';
import { isPrivateCidr, isWorld } from './helpers/network';
import { LB } from './helpers/catalogue';

/** Why one `firewall.allow` entry (`cidr:…`, `ip:…`) opens the origin to more than Cloudflare, or undefined. */
function entryProblem(entry: string): string | undefined {
  const m = /^(cidr|ip):(.+)$/.exec(entry.trim());
  if (!m) return `"${entry}" is not a cidr: or ip: source`;
  const [, kind, address] = m;
  if (isWorld(address)) return `"${entry}" is the whole internet`;
  const parsed = parseCidr(address);
  if (!parsed) return `"${entry}" is not an address`;
  const single = parsed[1] === (parsed[0].kind() === 'ipv4' ? 32 : 128);
  if (kind === 'ip' || single || isPrivateCidr(address) || isInsideCloudflare(address)) return undefined;
  return `"${entry}" is neither inside Cloudflare's published ranges nor a private range`;
}

/**
 * TOM-NET-03. The origin load balancer accepts connections only from
 * Cloudflare: its `firewall.allow` lists Cloudflare's published ranges (single
 * addresses and private ranges are tolerated), never the whole internet. An
 * empty allow list means everyone may connect, bypassing the WAF. Internal
 * load balancers (`network = "INTERNAL"`) have no public address and are not
 * judged.
 */
export function originOnlyFromCloudflare(lb: InventoryResource): CheckResult {
  if (String(lb.values.network ?? '').toUpperCase() === 'INTERNAL') return notApplicable('internal load balancer: no public address');
  if (isReference(lb.values.network)) return unknown(`network = ${String(lb.values.network)}: whether the load balancer is public is only known at apply time`, 'network');
  const allowRaw = attr(block(lb.values, 'firewall'), 'allow');
  const open = unresolved(allowRaw) ?? unresolved(lb.values.firewall);
  const allow = strings(allowRaw);
  if (allow.length === 0 && !open) {
    return fail(`firewall.allow is empty: any address can reach the origin and bypass Cloudflare's WAF; allow only Cloudflare's published ranges`, 'firewall.allow');
  }
  for (const [i, entry] of allow.entries()) {
    const problem = isReference(entry) ? undefined : entryProblem(entry);
    if (problem) return fail(`firewall.allow[${i}] ${problem}; allow only Cloudflare's published ranges`, `firewall.allow[${i}]`);
  }
  if (open) return unknown(`firewall.allow = ${open}: only known at apply time`, 'firewall.allow');
  return pass(`firewall.allow has ${allow.length} entries, all inside Cloudflare's ranges`, 'firewall.allow');
}

export const control: ResourceControl = {
  id: 'TOM-NET-03',
  title: 'Origin load balancer reachable only from Cloudflare',
  severity: 'high',
  iso27001_2022: ['A.8.20', 'A.8.21'],
  iso27001_2013: ['A.13.1.1', 'A.13.1.2'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4'],
  measure: 'The origin accepts web traffic only through Cloudflare\'s security infrastructure.',
  equivalents: [],
  rationale:
    'If the load balancer accepts any address, an attacker who finds the origin IP (certificate logs, DNS history) skips the WAF, bot protection and rate limits entirely.',
  remediation: 'Set `firewall { allow = ["cidr:173.245.48.0/20", …] }` on the load balancer with exactly Cloudflare\'s published ranges.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [LB],
  check: originOnlyFromCloudflare,
};
