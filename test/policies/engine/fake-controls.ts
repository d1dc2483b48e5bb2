/**
 * Small stand-in controls for the engine tests: the real catalogue is written
 * by other modules and changes; these keep the engine's behaviour under test
 * independent of it.
 */
import type { ControlMeta, InheritedControl, ResourceControl, Severity, StackControl } from '../../../policies/types';
import { fail, notApplicable, pass } from '../../../policies/types';
import { attr, isTrue } from '../../../policies/values';

export function meta(id: string, severity: Severity): ControlMeta {
  return {
    id,
    title: `Fake control ${id}`,
    severity,
    iso27001_2022: ['A.8.24'],
    iso27001_2013: ['A.10.1.1'],
    gdprArt32: ['a'],
    tomCategory: 'Weitergabekontrolle',
    measures: ['M2'],
    measure: 'A fake measure for engine tests.',
    equivalents: [],
    rationale: 'Engine test.',
    remediation: 'None.',
    area: 'cross',
  };
}

/** Fails every resource of the types whose `region` is not `fra1`/`ams3`; n/a when there is no region at all. */
export const EU_REGION: ResourceControl = {
  ...meta('FAKE-REG-01', 'critical'),
  scope: 'resource',
  appliesTo: ['digitalocean_vpc', 'digitalocean_database_cluster', 'digitalocean_spaces_bucket'],
  check: (r) => {
    const region = attr(r.values, 'region');
    if (region === undefined) return notApplicable('no region attribute');
    return region === 'fra1' || region === 'ams3' ? pass() : fail(`region "${String(region)}" is outside the EU`, 'region');
  },
};

/** Cross-resource: a database cluster needs a database firewall that references it. */
export const DB_FIREWALL: ResourceControl = {
  ...meta('FAKE-NET-05', 'high'),
  scope: 'resource',
  appliesTo: ['digitalocean_database_cluster'],
  check: (r, index) =>
    index.referencing(r, 'digitalocean_database_firewall').length > 0
      ? pass('a database firewall references it')
      : fail('no digitalocean_database_firewall references this cluster', 'cluster_id'),
};

/** Low severity: the backend must encrypt state. */
export const STATE_ENCRYPTED: ResourceControl = {
  ...meta('FAKE-SEC-02', 'low'),
  scope: 'resource',
  appliesTo: ['terraform_backend'],
  check: (r) => (isTrue(attr(r.values, 'encrypt')) ? pass() : fail('state backend does not encrypt', 'encrypt')),
};

/** Stack-scoped: every stack needs a VPC; names the VPC when there is one. */
export const HAS_VPC: StackControl = {
  ...meta('FAKE-SEP-01', 'medium'),
  scope: 'stack',
  check: (stack, index) => {
    const vpc = index.byStack(stack.name).find((r) => r.type === 'digitalocean_vpc');
    return vpc ? pass('the stack has a VPC', vpc.address) : fail('the stack declares no digitalocean_vpc', 'resource.digitalocean_vpc');
  },
};

export const DC_PHYSICAL: InheritedControl = {
  ...meta('FAKE-PHY-01', 'high'),
  area: 'digitalocean',
  scope: 'inherited',
  appliesTo: ['digitalocean_database_cluster'],
  inherited: {
    document: 'https://www.digitalocean.com/trust/certification-reports',
    retrieved: '2025-01-15',
    statement: 'Data-centre physical security is the provider’s.',
  },
};

/** A control no fixture resource matches. */
export const NOTHING_MATCHES: ResourceControl = {
  ...meta('FAKE-NA-01', 'critical'),
  scope: 'resource',
  appliesTo: ['azurerm_storage_account'],
  check: () => fail('never called', 'x'),
};

export const FAKE_CONTROLS = [EU_REGION, DB_FIREWALL, STATE_ENCRYPTED, HAS_VPC, DC_PHYSICAL, NOTHING_MATCHES];
