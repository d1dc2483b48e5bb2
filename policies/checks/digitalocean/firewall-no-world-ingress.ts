import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { blocks } from '../../values';
import { isWorld, portText, ruleAddresses, rulePorts } from '../common/digitalocean-network';

/**
 * TOM-NET-02 (CKV_DIO_4, DIG-0001). No inbound rule of a
 * `digitalocean_firewall` accepts the whole internet (`0.0.0.0/0`, `::/0`).
 * Public traffic reaches the platform through Cloudflare and the load
 * balancer; Cloudflare's published ranges, the load balancer (by uid) and the
 * admin CIDRs are fine, however wide.
 */
export function firewallNoWorldIngress(firewall: InventoryResource): CheckResult {
  const rules = blocks(firewall.values, 'inbound_rule');
  for (const [i, rule] of rules.entries()) {
    const sources = ruleAddresses(rule, 'source_addresses');
    const j = sources.findIndex(isWorld);
    if (j < 0) continue;
    const ports = rulePorts(rule);
    const what = `${String(rule.protocol ?? 'any')}${ports ? ` ${portText(ports)}` : ''}`;
    return fail(
      `inbound_rule[${i}] allows ${what} from "${sources[j]}" (the whole internet); allow the load balancer (source_load_balancer_uids), Cloudflare's ranges or the admin CIDRs instead`,
      `inbound_rule[${i}].source_addresses[${j}]`,
    );
  }
  return pass(`${rules.length} inbound rule(s), none open to the whole internet`, 'inbound_rule');
}
