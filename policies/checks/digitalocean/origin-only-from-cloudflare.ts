import type { CheckResult, InventoryResource } from '../../types';
import { fail, notApplicable, pass, unknown } from '../../types';
import { attr, block, isReference, strings, unresolved } from '../../values';
import { parseCidr } from '../../cidr';
import { isInsideCloudflare } from './helpers/cloudflare-ranges';
import { isPrivateCidr, isWorld } from './helpers/network';

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
