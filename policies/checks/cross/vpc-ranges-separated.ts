import type { CheckResult, InventoryIndex, InventoryResource, StackInfo, StackControl } from '../../types';
import { fail, notApplicable, pass, unknown } from '../../types';
import { parseCidr } from '../../cidr';
import { isReference } from '../../values';
import { addTo, FirstWithOtherLabel, indexLookup } from '../../index-lookup';
import { stageOf } from '../common/stage';

/** A stack's stage, or the stack itself when no stage can be told. */
const stageKey = (stack: string, index: InventoryIndex): string => stageOf(stack, index) ?? `stack ${stack}`;

interface Range {
  readonly vpc: InventoryResource;
  readonly text: string;
  readonly stage: string;
  /** First and last address as numbers (IPv4; DigitalOcean VPCs are IPv4 only), aligned to the prefix. */
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
  /** Position in inventory order: of several clashes, the first is reported. */
  readonly order: number;
}

/** One distinct CIDR block and the VPCs that use it. */
interface Block {
  readonly first: number;
  readonly holders: FirstWithOtherLabel<Range>;
}

/**
 * Every VPC range of the inventory, parsed once per audit: per stack, and per
 * distinct CIDR block (`first/prefix`), the blocks also sorted by first address.
 * Two CIDR blocks are either disjoint or nested, so the blocks overlapping a
 * range are its enclosing blocks (one per shorter prefix) and the blocks that
 * start inside it: a lookup, never a scan of every other VPC.
 */
interface RangeTable {
  readonly byStack: Map<string, Range[]>;
  readonly blocks: Map<string, Block>;
  readonly sorted: readonly Block[];
}

const blockKey = (first: number, prefix: number): string => `${first}/${prefix}`;

const rangeTable = indexLookup((index: InventoryIndex): RangeTable => {
  const byStack = new Map<string, Range[]>();
  const blocks = new Map<string, Block>();
  let order = 0;
  for (const vpc of index.byType('digitalocean_vpc')) {
    const text = vpc.values.ip_range;
    const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!parsed || parsed[0].kind() !== 'ipv4') continue;
    const address = parsed[0].toByteArray().reduce((n, b) => n * 256 + b, 0);
    const size = 2 ** (32 - parsed[1]);
    const first = address - (address % size);
    const range: Range = { vpc, text: text as string, stage: stageKey(vpc.stack, index), first, last: first + size - 1, prefix: parsed[1], order: order++ };
    addTo(byStack, vpc.stack, range);
    const key = blockKey(first, range.prefix);
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = { first, holders: new FirstWithOtherLabel() }));
    block.holders.add(range, range.stage);
  }
  const sorted = [...blocks.values()].sort((a, b) => a.first - b.first);
  return { byStack, blocks, sorted };
});

/** The first range (in inventory order) of another stage that overlaps `mine`. */
function firstClash(mine: Range, table: RangeTable): Range | undefined {
  let clash: Range | undefined;
  const consider = (block: Block | undefined): void => {
    const other = block?.holders.notLabelled(mine.stage);
    if (other && (!clash || other.order < clash.order)) clash = other;
  };
  for (let prefix = 0; prefix < mine.prefix; prefix++) {
    const size = 2 ** (32 - prefix);
    consider(table.blocks.get(blockKey(mine.first - (mine.first % size), prefix)));
  }
  // Binary search for the first block starting at or after `mine.first`, then every block starting inside it.
  let lo = 0;
  let hi = table.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.sorted[mid].first < mine.first) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < table.sorted.length && table.sorted[i].first <= mine.last; i++) consider(table.sorted[i]);
  return clash;
}

/**
 * TOM-SEP-02. Environments never share address space: no `ip_range` of this
 * stack's VPCs overlaps a VPC range of a stack of another stage, so a peering,
 * VPN or firewall rule written for one environment can never match the other.
 * VPCs whose range DigitalOcean assigns (no `ip_range`) are not compared.
 */
export function vpcRangesSeparated(stack: StackInfo, index: InventoryIndex): CheckResult {
  if (index.byType('digitalocean_vpc', stack.name).length === 0) return notApplicable('no digitalocean_vpc in this stack');
  // A range the audit cannot read the way Terraform does is never left out of the comparison.
  for (const vpc of index.byType('digitalocean_vpc', stack.name)) {
    const text = vpc.values.ip_range;
    if (text === undefined || text === null) continue;
    if (isReference(text)) return unknown(`${vpc.address} ip_range = ${String(text)}: only known at apply time, so its overlap with other environments cannot be checked`, `${vpc.address}.ip_range`);
    const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!parsed || parsed[0].kind() !== 'ipv4') {
      return fail(
        `${vpc.address} ip_range ${JSON.stringify(text)} is not a canonical IPv4 range (a.b.c.d/n, no leading zeros): it cannot be compared with other environments the way Terraform reads it`,
        `${vpc.address}.ip_range`,
      );
    }
  }
  const table = rangeTable(index);
  const own = table.byStack.get(stack.name) ?? [];
  for (const mine of own) {
    const clash = firstClash(mine, table);
    if (clash) {
      return fail(
        `${mine.vpc.address} ip_range ${mine.text} overlaps ${clash.vpc.stack}/${clash.vpc.address} ${clash.text} (stage ${clash.stage}); give each environment its own address range`,
        `${mine.vpc.address}.ip_range`,
      );
    }
  }
  return pass(`${own.length} VPC range(s), none overlapping another stage's`, 'ip_range');
}

export const control: StackControl = {
  id: 'TOM-SEP-02',
  title: 'Environments use non-overlapping networks',
  severity: 'high',
  iso27001_2022: ['A.8.31', 'A.8.22'],
  iso27001_2013: ['A.12.1.4', 'A.14.2.6', 'A.13.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Trennungskontrolle',
  measures: ['M14'],
  measure: 'Production and non-production networks are separate address spaces.',
  equivalents: [],
  rationale:
    'With overlapping VPC ranges, a firewall rule, trusted source or peering written for staging can match production addresses, and the two cannot later be connected through a controlled path.',
  remediation: 'Give each environment its own `digitalocean_vpc.ip_range` (e.g. 10.10.0.0/16 prod, 10.20.0.0/16 staging) that overlaps no other stage.',
  area: 'cross',
  scope: 'stack',
  check: vpcRangesSeparated,
};
