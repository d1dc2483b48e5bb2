import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass, unknown } from '../../types';
import { blocks, unresolved, unresolvedBlocks } from '../../values';
import { isWorld, portText, ruleAddresses, rulePorts } from './helpers/network';
import { FIREWALL } from './helpers/catalogue';

/**
 * TOM-NET-02 (CKV_DIO_4, DIG-0001). No inbound rule of a
 * `digitalocean_firewall` accepts the whole internet (`0.0.0.0/0`, `::/0`).
 * Public traffic reaches the platform through Cloudflare and the load
 * balancer; Cloudflare's published ranges, the load balancer (by uid) and the
 * admin CIDRs are fine, however wide. Sources (or rules) known only at apply
 * time (a variable, a data source, a dynamic block over one) are `unknown`,
 * never "none open".
 */
export function firewallNoWorldIngress(firewall: InventoryResource): CheckResult {
  const rulesUnknown = unresolvedBlocks(firewall.values, 'inbound_rule');
  const rules = blocks(firewall.values, 'inbound_rule');
  let undecided: CheckResult | undefined = rulesUnknown
    ? unknown(`inbound_rule = ${rulesUnknown}: the rules are only known at apply time`, 'inbound_rule')
    : undefined;
  for (const [i, rule] of rules.entries()) {
    const sources = ruleAddresses(rule, 'source_addresses');
    const j = sources.findIndex(isWorld);
    if (j < 0) {
      const open = unresolved(rule.source_addresses);
      undecided ??= open
        ? unknown(`inbound_rule[${i}].source_addresses = ${open}: only known at apply time`, `inbound_rule[${i}].source_addresses`)
        : undefined;
      continue;
    }
    const ports = rulePorts(rule);
    const what = `${String(rule.protocol ?? 'any')}${ports ? ` ${portText(ports)}` : ''}`;
    return fail(
      `inbound_rule[${i}] allows ${what} from "${sources[j]}" (the whole internet); allow the load balancer (source_load_balancer_uids), Cloudflare's ranges or the admin CIDRs instead`,
      `inbound_rule[${i}].source_addresses[${j}]`,
    );
  }
  return undecided ?? pass(`${rules.length} inbound rule(s), none open to the whole internet`, 'inbound_rule');
}

export const control: ResourceControl = {
  id: 'TOM-NET-02',
  title: 'No firewall rule open to the whole internet',
  severity: 'critical',
  iso27001_2022: ['A.8.20'],
  iso27001_2013: ['A.13.1.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4'],
  measure: 'Inbound traffic reaches servers only from Cloudflare, the load balancer or administrators, never from anyone.',
  equivalents: ['CKV_DIO_4', 'DIG-0001'],
  rationale:
    'Public traffic must pass Cloudflare\'s WAF and rate limits; a rule open to 0.0.0.0/0 or ::/0 lets anyone bypass them. Unlike DIG-0001, Cloudflare\'s published ranges and admin CIDRs pass even though they are wider than one address.',
  remediation: 'Replace 0.0.0.0/0 and ::/0 in `inbound_rule.source_addresses` with `source_load_balancer_uids`, Cloudflare\'s ranges or the admin CIDRs.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [FIREWALL],
  check: firewallNoWorldIngress,
};
