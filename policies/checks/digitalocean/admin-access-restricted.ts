import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { attr, block, blocks, isTrue, strings } from '../../values';
import { ADMIN_PREFIX, adminPortsIn, adminSourceProblem, listPorts, ruleAddresses, rulePorts } from '../common/digitalocean-network';

const LIMIT = `admin CIDRs (at most a /${ADMIN_PREFIX.ipv4} IPv4 or /${ADMIN_PREFIX.ipv6} IPv6 public range, or private ranges)`;

function firewallAdminPorts(fw: InventoryResource): CheckResult {
  for (const [i, rule] of blocks(fw.values, 'inbound_rule').entries()) {
    const ports = rulePorts(rule);
    const admin = ports ? adminPortsIn(ports) : [];
    if (admin.length === 0) continue;
    for (const [j, source] of ruleAddresses(rule, 'source_addresses').entries()) {
      const problem = adminSourceProblem(source);
      if (problem) {
        return fail(`inbound_rule[${i}] opens ${listPorts(admin)} to ${problem}; admin ports only from the ${LIMIT}`, `inbound_rule[${i}].source_addresses[${j}]`);
      }
    }
  }
  return pass('admin ports only from restricted sources', 'inbound_rule');
}

function controlPlane(cluster: InventoryResource): CheckResult {
  const cpf = block(cluster.values, 'control_plane_firewall');
  if (!isTrue(attr(cpf, 'enabled'))) {
    return fail('control_plane_firewall.enabled is not true: the Kubernetes API accepts connections from the whole internet', 'control_plane_firewall.enabled');
  }
  const allowed = strings(attr(cpf, 'allowed_addresses'));
  if (allowed.length === 0) return fail('control_plane_firewall.allowed_addresses is empty; list the admin CIDRs', 'control_plane_firewall.allowed_addresses');
  for (const [i, source] of allowed.entries()) {
    const problem = adminSourceProblem(source);
    if (problem) return fail(`control_plane_firewall.allowed_addresses[${i}] ${problem} is too wide; allow only the ${LIMIT}`, `control_plane_firewall.allowed_addresses[${i}]`);
  }
  return pass(`Kubernetes API only from ${allowed.join(', ')}`, 'control_plane_firewall.allowed_addresses');
}

/**
 * TOM-NET-04. Administrative entry points are reachable only from the admin
 * CIDRs: no firewall rule opens SSH, RDP, database or Kubernetes/kubelet/Docker
 * API ports to the world or to a wide public range, and every DOKS cluster
 * enables its control-plane firewall with a narrow allow list.
 */
export function adminAccessRestricted(resource: InventoryResource): CheckResult {
  return resource.type === 'digitalocean_kubernetes_cluster' ? controlPlane(resource) : firewallAdminPorts(resource);
}
