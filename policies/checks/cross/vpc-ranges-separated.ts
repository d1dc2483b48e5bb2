import type { CheckResult, InventoryIndex, InventoryResource, StackInfo } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { parseCidr } from '../common/cidr';
import { perIndex, stageOf } from '../common/cross-memo';

/** A stack's stage, or the stack itself when no stage can be told. */
const stageKey = (stack: string, index: InventoryIndex): string => stageOf(stack, index) ?? `stack ${stack}`;

interface Range {
  readonly vpc: InventoryResource;
  readonly text: string;
  readonly stage: string;
  /** First and last address as numbers (IPv4; DigitalOcean VPCs are IPv4 only). */
  readonly first: number;
  readonly last: number;
}

/** Every VPC range of the inventory, parsed once per audit. */
function allRanges(index: InventoryIndex): Range[] {
  return perIndex(index, 'cross-vpc-ranges', () => {
    const ranges: Range[] = [];
    for (const vpc of index.byType('digitalocean_vpc')) {
      const text = vpc.values.ip_range;
      const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
      if (!parsed || parsed[0].kind() !== 'ipv4') continue;
      const first = parsed[0].toByteArray().reduce((n, b) => n * 256 + b, 0);
      const size = 2 ** (32 - parsed[1]);
      const start = first - (first % size);
      ranges.push({ vpc, text: text as string, stage: stageKey(vpc.stack, index), first: start, last: start + size - 1 });
    }
    return ranges;
  });
}

/**
 * TOM-SEP-02. Environments never share address space: no `ip_range` of this
 * stack's VPCs overlaps a VPC range of a stack of another stage, so a peering,
 * VPN or firewall rule written for one environment can never match the other.
 * VPCs whose range DigitalOcean assigns (no `ip_range`) are not compared.
 */
export function vpcRangesSeparated(stack: StackInfo, index: InventoryIndex): CheckResult {
  if (!index.byStack(stack.name).some((r) => r.type === 'digitalocean_vpc')) return notApplicable('no digitalocean_vpc in this stack');
  const ranges = allRanges(index);
  const own = ranges.filter((r) => r.vpc.stack === stack.name);
  for (const mine of own) {
    const clash = ranges.find((o) => o.stage !== mine.stage && o.vpc.stack !== stack.name && o.first <= mine.last && mine.first <= o.last);
    if (clash) {
      return fail(
        `${mine.vpc.address} ip_range ${mine.text} overlaps ${clash.vpc.stack}/${clash.vpc.address} ${clash.text} (stage ${clash.stage}); give each environment its own address range`,
        `${mine.vpc.address}.ip_range`,
      );
    }
  }
  return pass(`${own.length} VPC range(s), none overlapping another stage's`, 'ip_range');
}
