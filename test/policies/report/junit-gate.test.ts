/**
 * junit.xml agrees with the gate: a CI test tab shows a failure exactly for
 * the controls whose findings block the exit code, at every --fail-on level
 * and in both --unknown modes.
 */
import { parse as parseXml } from 'fast-xml-parser';
import { audit, formatFailures } from '../../../policies/engine';
import { renderJunit } from '../../../policies/report/junit';
import type { Control, Severity, UnknownMode, Waiver } from '../../../policies/types';
import { SEVERITIES, unknown } from '../../../policies/types';
import { inventory, res } from '../engine/build';
import { FAKE_CONTROLS, meta } from '../engine/fake-controls';

/** High-severity control whose deciding value is only known at apply time. */
const APPLY_TIME: Control = {
  ...meta('FAKE-UNK-01', 'high'),
  scope: 'resource',
  appliesTo: ['digitalocean_vpc'],
  check: () => unknown('ip_range = var.range: only known at apply time', 'ip_range'),
};

const inv = inventory(
  res('digitalocean_vpc', 'a', { region: 'nyc3' }), // critical failure
  res('digitalocean_database_cluster', 'db', { region: 'fra1' }), // high: no database firewall
  res('terraform_backend', 's3', {}), // low: state not encrypted
  res('digitalocean_vpc', 'b', { region: 'fra1' }, 'staging'),
  res('digitalocean_database_cluster', 'db2', { region: 'fra1' }, 'nodb'), // medium: stack without a VPC
);
const EXPIRED: Waiver = { control: 'FAKE-NET-05', resource: 'gone.*', reason: 'An expired exception that still sits in the file.', owner: 'ops', expires: '2020-01-01' };

type Case = { name: string; failure?: unknown; skipped?: unknown };
function junitCases(xml: string): Case[] {
  const doc = parseXml(xml, { ignoreAttributes: false, attributeNamePrefix: '', arrayMode: (t: string) => t === 'testsuite' || t === 'testcase' }) as {
    testsuites: { failures: string; testsuite: { testcase?: Case[] }[] };
  };
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
  expect(Number(doc.testsuites.failures)).toBe(cases.filter((c) => c.failure !== undefined).length);
  return cases;
}

describe.each(SEVERITIES.flatMap((failOn) => (['block', 'warn'] as UnknownMode[]).flatMap((unknownMode) => [false, true].map((expired) => ({ failOn, unknownMode, expired })))))(
  'fail-on $failOn, unknown $unknownMode, expired waiver $expired',
  ({ failOn, unknownMode, expired }: { failOn: Severity; unknownMode: UnknownMode; expired: boolean }) => {
    const result = audit({ inventory: inv, controls: [...FAKE_CONTROLS, APPLY_TIME], failOn, unknownMode, waivers: expired ? [EXPIRED] : [], now: new Date('2026-01-01T00:00:00Z') });
    const cases = junitCases(renderJunit(result));
    const failed = cases.filter((c) => c.failure !== undefined).map((c) => c.name.split(' ')[0]);

    it('fails exactly the controls (and waiver problems) the gate blocks on', () => {
      const lines = formatFailures(result);
      const findingLines = lines.slice(0, lines.length - result.waiverProblems.length);
      const expected = [...new Set(findingLines.map((line) => line.split(' ')[0])), ...result.waiverProblems.map((p) => p.waiver.control)];
      expect([...failed].sort()).toEqual(expected.sort());
      expect(failed.length > 0).toBe(!result.summary.compliant);
      // Every blocking finding is named in a failure; the count matches the gate's.
      const blockingFindings = result.summary.blocking - result.summary.waiverProblems;
      expect(formatFailures(result).length - result.summary.waiverProblems).toBe(blockingFindings);
    });

    it('skips not-applicable and inherited controls and never fails them', () => {
      for (const id of ['FAKE-NA-01', 'FAKE-PHY-01']) expect(cases.find((c) => c.name.startsWith(`${id} `))!.skipped).toBeDefined();
    });
  },
);

it('spot check: fail-on high passes the low and medium failures with a warning', () => {
  const result = audit({ inventory: inv, controls: [...FAKE_CONTROLS, APPLY_TIME], failOn: 'high' });
  const xml = renderJunit(result);
  const failed = junitCases(xml).filter((c) => c.failure !== undefined).map((c) => c.name.split(' ')[0]);
  expect(failed).toEqual(['FAKE-REG-01', 'FAKE-NET-05', 'FAKE-UNK-01']);
  expect(xml).toContain('do not block: below the gate&#39;s threshold (fail-on high)');
  expect(xml).toContain('warning (does not block): prod/terraform_backend.s3: state backend does not encrypt');
});
