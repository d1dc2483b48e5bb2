import { WORLD_EGRESS } from '../../../data/digitalocean';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass, unknown } from '../../types';
import { blocks, isReference, unresolved, unresolvedBlocks } from '../../values';
import { isWorld, portText, ruleAddresses, rulePorts } from './helpers/network';
import { FIREWALL } from './helpers/catalogue';

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

export const control: ResourceControl = {
  id: 'TOM-NET-05',
  title: 'Egress to the internet limited to DNS, NTP and HTTPS',
  severity: 'medium',
  iso27001_2022: ['A.8.20'],
  iso27001_2013: ['A.13.1.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4'],
  measure: 'Firewalls control outbound as well as inbound traffic.',
  equivalents: ['DIG-0003'],
  rationale:
    'Unrestricted egress lets malware fetch payloads and exfiltrate data on any port. Servers need DNS (53), time (udp 123) and HTTPS (tcp 443) to the internet; everything else goes to named destinations. Mapped to A.8.20 (network controls) and not to A.8.23: web filtering manages access to external websites by their content, while a port and address allow-list is a network control.',
  remediation: 'Limit `outbound_rule`s to 0.0.0.0/0 and ::/0 to tcp 53, udp 53, udp 123 and tcp 443; use HTTPS package mirrors.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [FIREWALL],
  check: firewallEgressRestricted,
};
