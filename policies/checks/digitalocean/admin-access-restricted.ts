import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass, unknown } from '../../types';
import { attr, block, blocks, isReference, isTrue, strings, unresolved, unresolvedBlocks } from '../../values';
import { ADMIN_PREFIX, adminPortsIn, adminSourceProblem, listPorts, ruleAddresses, rulePorts } from './helpers/network';
import { FIREWALL, DOKS } from './helpers/catalogue';

const LIMIT = `admin CIDRs (at most a /${ADMIN_PREFIX.ipv4} IPv4 or /${ADMIN_PREFIX.ipv6} IPv6 public range, or private ranges)`;

function firewallAdminPorts(fw: InventoryResource): CheckResult {
  const rulesUnknown = unresolvedBlocks(fw.values, 'inbound_rule');
  let undecided: CheckResult | undefined = rulesUnknown
    ? unknown(`inbound_rule = ${rulesUnknown}: the rules are only known at apply time`, 'inbound_rule')
    : undefined;
  for (const [i, rule] of blocks(fw.values, 'inbound_rule').entries()) {
    const ports = rulePorts(rule);
    if (isReference(rule.port_range) || isReference(rule.protocol)) {
      const expr = isReference(rule.port_range) ? `port_range = ${String(rule.port_range)}` : `protocol = ${String(rule.protocol)}`;
      undecided ??= unknown(`inbound_rule[${i}].${expr}: which ports it opens is only known at apply time`, `inbound_rule[${i}]`);
      continue;
    }
    const admin = ports ? adminPortsIn(ports) : [];
    if (admin.length === 0) continue;
    const open = unresolved(rule.source_addresses);
    if (open) {
      undecided ??= unknown(`inbound_rule[${i}] opens ${listPorts(admin)}; its source_addresses = ${open} is only known at apply time`, `inbound_rule[${i}].source_addresses`);
    }
    for (const [j, source] of ruleAddresses(rule, 'source_addresses').entries()) {
      const problem = isReference(source) ? undefined : adminSourceProblem(source);
      if (problem) {
        return fail(`inbound_rule[${i}] opens ${listPorts(admin)} to ${problem}; admin ports only from the ${LIMIT}`, `inbound_rule[${i}].source_addresses[${j}]`);
      }
    }
  }
  return undecided ?? pass('admin ports only from restricted sources', 'inbound_rule');
}

function controlPlane(cluster: InventoryResource): CheckResult {
  const cpf = block(cluster.values, 'control_plane_firewall');
  const enabled = attr(cpf, 'enabled');
  if (isReference(enabled)) return unknown(`control_plane_firewall.enabled = ${String(enabled)}: only known at apply time`, 'control_plane_firewall.enabled');
  if (!isTrue(enabled)) {
    return fail('control_plane_firewall.enabled is not true: the Kubernetes API accepts connections from the whole internet', 'control_plane_firewall.enabled');
  }
  const allowedRaw = attr(cpf, 'allowed_addresses');
  const allowed = strings(allowedRaw);
  if (allowed.length === 0) return fail('control_plane_firewall.allowed_addresses is empty; list the admin CIDRs', 'control_plane_firewall.allowed_addresses');
  for (const [i, source] of allowed.entries()) {
    const problem = adminSourceProblem(source);
    if (problem && !isReference(source)) return fail(`control_plane_firewall.allowed_addresses[${i}] ${problem} is too wide; allow only the ${LIMIT}`, `control_plane_firewall.allowed_addresses[${i}]`);
  }
  const open = unresolved(allowedRaw);
  if (open) return unknown(`control_plane_firewall.allowed_addresses = ${open}: only known at apply time`, 'control_plane_firewall.allowed_addresses');
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

export const control: ResourceControl = {
  id: 'TOM-NET-04',
  title: 'Admin ports and the Kubernetes API only from admin networks',
  severity: 'critical',
  iso27001_2022: ['A.8.20', 'A.8.22'],
  iso27001_2013: ['A.13.1.1', 'A.13.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4', 'M17'],
  measure: 'Administrative access (SSH, databases, Kubernetes API) is possible only from the configured admin networks.',
  equivalents: [],
  rationale:
    'SSH, RDP, database, Docker, kubelet and Kubernetes API ports are the first targets of internet-wide scans and brute force. DOKS exposes its API to the internet unless the control-plane firewall is enabled. Mapped to network security and segregation (A.8.20, A.8.22), not to A.8.5: restricting the source network is not an authentication mechanism.',
  remediation:
    'Restrict `inbound_rule.source_addresses` on admin ports to the admin CIDRs (public ranges of at most /24 or /48, or private ranges), and set `control_plane_firewall { enabled = true, allowed_addresses = adminCidrs }` on every DOKS cluster.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [FIREWALL, DOKS],
  check: adminAccessRestricted,
};
