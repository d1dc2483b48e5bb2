import { WORLD_EGRESS } from '../../../data/digitalocean';
import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass, unknown } from '../../types';
import { blocks, isReference, unresolved, unresolvedBlocks } from '../../values';
import { isWorld, portText, ruleAddresses, rulePorts } from './helpers/network';

/** What a host may reach on the whole internet, per protocol: DNS, NTP and HTTPS (data/digitalocean.ts). */
const ALLOWED: ReadonlyMap<string, readonly number[]> = WORLD_EGRESS.reduce((byProtocol, { protocol, port }) => {
  byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), port]);
  return byProtocol;
}, new Map<string, number[]>());

const ALLOWED_TEXT = [...ALLOWED].sort(([a], [b]) => a.localeCompare(b)).map(([protocol, ports]) => `${protocol} ${[...ports].sort((a, b) => a - b).join('/')}`).join(' and ');

/**
 * TOM-NET-05 (DIG-0003). Outbound rules reach the whole internet only for
 * DNS (53), NTP (udp 123) and HTTPS (tcp 443); anything else to 0.0.0.0/0 or
 * ::/0 (another port, a port range, icmp) fails. Rules towards narrower
 * destinations are not judged, and a firewall with no outbound rule blocks all
 * egress, which passes. Package mirrors must therefore be reached over HTTPS.
 */
export function firewallEgressRestricted(firewall: InventoryResource): CheckResult {
  const rules = blocks(firewall.values, 'outbound_rule');
  const rulesUnknown = unresolvedBlocks(firewall.values, 'outbound_rule');
  let undecided: CheckResult | undefined = rulesUnknown
    ? unknown(`outbound_rule = ${rulesUnknown}: the rules are only known at apply time`, 'outbound_rule')
    : undefined;
  for (const [i, rule] of rules.entries()) {
    if (!ruleAddresses(rule, 'destination_addresses').some(isWorld)) {
      const open = unresolved(rule.destination_addresses);
      undecided ??= open
        ? unknown(`outbound_rule[${i}].destination_addresses = ${open}: only known at apply time`, `outbound_rule[${i}].destination_addresses`)
        : undefined;
      continue;
    }
    if (isReference(rule.protocol) || isReference(rule.port_range)) {
      const expr = isReference(rule.protocol) ? `protocol = ${String(rule.protocol)}` : `port_range = ${String(rule.port_range)}`;
      undecided ??= unknown(`outbound_rule[${i}] reaches the whole internet and its ${expr} is only known at apply time`, `outbound_rule[${i}]`);
      continue;
    }
    const protocol = String(rule.protocol ?? '').toLowerCase();
    const allowed = ALLOWED.get(protocol);
    if (!allowed) {
      return fail(`outbound_rule[${i}] allows ${protocol || 'an unnamed protocol'} to the whole internet (allowed there: ${ALLOWED_TEXT})`, `outbound_rule[${i}].protocol`);
    }
    const ports = rulePorts(rule);
    if (!ports || ports.from !== ports.to || !allowed.includes(ports.from)) {
      const opened = ports ? portText(ports) : String(rule.port_range);
      return fail(`outbound_rule[${i}] allows ${protocol} ${opened} to the whole internet (allowed there: ${ALLOWED_TEXT})`, `outbound_rule[${i}].port_range`);
    }
  }
  if (undecided) return undecided;
  return pass(rules.length === 0 ? 'no outbound rule: all egress is blocked' : `egress to the internet limited to ${ALLOWED_TEXT}`, 'outbound_rule');
}
