import { audit, formatFailures } from '../../../policies/engine';
import { readInventory } from '../../../policies/inventory';
import type { LiveEvidenceControl, ResourceControl } from '../../../policies/types';
import { fail, unknown } from '../../../policies/types';
import { inventory, res } from './build';
import { DB_FIREWALL, DC_PHYSICAL, EU_REGION, FAKE_CONTROLS, HAS_VPC, meta, NOTHING_MATCHES, STATE_ENCRYPTED } from './fake-controls';

const NOW = new Date('2025-06-01T12:00:00Z');

describe('audit over the fixture inputs', () => {
  const result = audit({ inventory: readInventory(['test/fixtures/inputs']), controls: FAKE_CONTROLS, now: NOW, failOn: 'high' });
  const find = (controlId: string, address: string, stack?: string) =>
    result.findings.filter((f) => f.controlId === controlId && f.address === address && (!stack || f.stack === stack));

  it('checks only resources of the applicable types', () => {
    const regionTypes = new Set(result.findings.filter((f) => f.controlId === EU_REGION.id).map((f) => f.resourceType));
    expect([...regionTypes].sort()).toEqual(['digitalocean_database_cluster', 'digitalocean_spaces_bucket', 'digitalocean_vpc']);
  });

  it('records pass, fail (with reason and path) and not-applicable per resource', () => {
    expect(find(EU_REGION.id, 'digitalocean_vpc.vpc', 'platform-prod')[0]).toMatchObject({ status: 'pass', severity: 'critical' });
    expect(find(DB_FIREWALL.id, 'module.db.digitalocean_database_cluster.main')[0]).toMatchObject({ status: 'pass' });
    expect(find(DB_FIREWALL.id, 'digitalocean_database_cluster.db')[0]).toMatchObject({ status: 'pass' });
    const noRegion = audit({ inventory: inventory(res('digitalocean_vpc', 'v')), controls: [EU_REGION], now: NOW });
    expect(noRegion.findings[0]).toMatchObject({ status: 'not-applicable', reason: 'no region attribute' });
    expect(noRegion.controlStatus[EU_REGION.id]).toBe('not-applicable');
  });

  it('evaluates stack controls once per stack, attaching the finding to a resource the result names', () => {
    const stackFindings = result.findings.filter((f) => f.controlId === HAS_VPC.id);
    expect(stackFindings.map((f) => `${f.stack}:${f.address}:${f.status}`).sort()).toEqual([
      'BackupVault:BackupVault:fail',
      'plan-prod:digitalocean_vpc.vpc:pass',
      'platform-prod:digitalocean_vpc.vpc:pass',
    ]);
    expect(find(HAS_VPC.id, 'BackupVault')[0]).toMatchObject({ path: 'resource.digitalocean_vpc', source: 'test/fixtures/inputs/cdk.out/BackupVault.template.json' });
    expect(find(HAS_VPC.id, 'BackupVault')[0].resourceType).toBeUndefined();
  });

  it('reports inherited controls per resource with their source, never as passed', () => {
    const inherited = result.findings.filter((f) => f.controlId === DC_PHYSICAL.id);
    expect(inherited).toHaveLength(2);
    for (const f of inherited) {
      expect(f.status).toBe('inherited');
      expect(f.reason).toContain('https://www.digitalocean.com/trust/certification-reports');
      expect(f.reason).toContain('2025-01-15');
    }
    expect(result.controlStatus[DC_PHYSICAL.id]).toBe('inherited');
  });

  it('gives a live-evidence control no finding: its evidence is the provider, not the audited files', () => {
    const live: LiveEvidenceControl = { ...meta('FAKE-LIVE-01', 'high'), scope: 'live' };
    const withLive = audit({ inventory: readInventory(['test/fixtures/inputs']), controls: [live], now: NOW });
    expect(withLive.findings).toEqual([]);
    expect(withLive.controlStatus[live.id]).toBe('not-applicable');
  });

  it('gives each control the worst status of its findings, not-applicable without subjects', () => {
    expect(result.controlStatus).toEqual({
      [EU_REGION.id]: 'pass',
      [DB_FIREWALL.id]: 'pass',
      [STATE_ENCRYPTED.id]: 'pass',
      [HAS_VPC.id]: 'fail',
      [DC_PHYSICAL.id]: 'inherited',
      [NOTHING_MATCHES.id]: 'not-applicable',
    });
  });

  it('blocks only failures at or above fail-on', () => {
    // HAS_VPC is medium: below high it does not block, at medium it does.
    expect(result.summary).toMatchObject({ blocking: 0, compliant: true, failOn: 'high', controls: 6 });
    expect(result.summary.controlsByStatus).toEqual({ pass: 3, fail: 1, unknown: 0, waived: 0, 'not-applicable': 1, inherited: 1 });
    const strict = audit({ inventory: readInventory(['test/fixtures/inputs']), controls: FAKE_CONTROLS, now: NOW, failOn: 'medium' });
    expect(strict.summary).toMatchObject({ blocking: 1, compliant: false });
    expect(formatFailures(strict)).toEqual(['FAKE-SEP-01 BackupVault: the stack declares no digitalocean_vpc']);
  });

  it('records generation time, tool and inputs', () => {
    expect(result.generatedAt).toBe('2025-06-01T12:00:00.000Z');
    expect(result.tool.name).toBe('eu-tom-kit');
    expect(result.stacks).toHaveLength(3);
  });
});

describe('failure lines', () => {
  const us = (name: string, stack: string) => res('digitalocean_vpc', name, { region: 'nyc3' }, stack);
  const result = audit({
    inventory: inventory(us('vpc', 'prod'), us('vpc', 'staging'), us('only', 'prod'), res('digitalocean_database_cluster', 'db', { region: 'fra1' })),
    controls: [STATE_ENCRYPTED, DB_FIREWALL, EU_REGION],
    now: NOW,
  });

  it('prints CONTROL-ID address: reason, worst severity first, stack-qualified only for addresses in several stacks', () => {
    expect(formatFailures(result)).toEqual([
      'FAKE-REG-01 prod/digitalocean_vpc.vpc: region "nyc3" is outside the EU',
      'FAKE-REG-01 staging/digitalocean_vpc.vpc: region "nyc3" is outside the EU',
      'FAKE-REG-01 digitalocean_vpc.only: region "nyc3" is outside the EU',
      'FAKE-NET-05 digitalocean_database_cluster.db: no digitalocean_database_firewall references this cluster',
    ]);
  });

  it('turns a check that throws into a failure of that control', () => {
    const broken: ResourceControl = { ...meta('FAKE-BUG-01', 'high'), scope: 'resource', appliesTo: ['digitalocean_vpc'], check: () => { throw new Error('boom'); } };
    const r = audit({ inventory: inventory(res('digitalocean_vpc', 'v')), controls: [broken], now: NOW });
    expect(formatFailures(r)).toEqual(['FAKE-BUG-01 digitalocean_vpc.v: check FAKE-BUG-01 threw: boom']);
  });

  it('evaluates each resource once even when appliesTo repeats a type', () => {
    const twice: ResourceControl = { ...meta('FAKE-DUP-01', 'low'), scope: 'resource', appliesTo: ['digitalocean_vpc', 'digitalocean_vpc'], check: () => fail('x', 'y') };
    expect(audit({ inventory: inventory(res('digitalocean_vpc', 'v')), controls: [twice], now: NOW }).findings).toHaveLength(1);
  });
});

describe('unknown findings (the deciding value is only known at apply time)', () => {
  const REGION_OR_UNKNOWN: ResourceControl = {
    ...EU_REGION,
    check: (r) => {
      const region = r.values.region;
      return typeof region === 'string' && region.includes('${') ? unknown(`region = ${region}`, 'region') : EU_REGION.check(r, undefined as never);
    },
  };
  const inv = inventory(res('digitalocean_vpc', 'known', { region: 'fra1' }), res('digitalocean_vpc', 'from_var', { region: '${var.region}' }));

  it('are never a pass: the control is unknown and the gate blocks by default (fail closed)', () => {
    const result = audit({ inventory: inv, controls: [REGION_OR_UNKNOWN], now: NOW });
    expect(result.findings.map((f) => f.status)).toEqual(['pass', 'unknown']);
    expect(result.controlStatus[EU_REGION.id]).toBe('unknown');
    expect(result.summary).toMatchObject({ blocking: 1, compliant: false, unknownMode: 'block' });
    expect(formatFailures(result)).toEqual(['FAKE-REG-01 digitalocean_vpc.from_var: unknown: region = ${var.region}']);
  });

  it('only warn with unknownMode warn, and still count as unknown', () => {
    const result = audit({ inventory: inv, controls: [REGION_OR_UNKNOWN], now: NOW, unknownMode: 'warn' });
    expect(result.summary).toMatchObject({ blocking: 0, compliant: true, unknownMode: 'warn' });
    expect(result.summary.findings.unknown).toBe(1);
    expect(formatFailures(result, 'all')).toHaveLength(1);
  });

  it('below the fail-on threshold do not block', () => {
    const low: ResourceControl = { ...REGION_OR_UNKNOWN, severity: 'low' };
    expect(audit({ inventory: inv, controls: [low], now: NOW }).summary.compliant).toBe(true);
  });
});
