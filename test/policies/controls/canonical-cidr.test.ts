/**
 * Issue 14 case 7 on the audit side: the gate reads address ranges the way
 * Terraform does. `10.010.0.0/20` is 10.8.0.0 to an octal-reading parser and
 * something else (or an error) to Terraform, so the audit never guesses.
 */
import { isWorldCidr, parseCidr } from '../../../policies/cidr';
import { isWorld } from '../../../policies/checks/digitalocean/helpers/network';
import { vpcRangesSeparated } from '../../../policies/checks/cross/vpc-ranges-separated';
import { buildIndex } from '../../../policies/inventory-index';
import { inventory, res } from '../engine/build';

describe('address ranges as Terraform reads them', () => {
  it.each(['10.010.0.0/20', '010.10.0.0/20', '0x0a.0.0.0/8', '167772160/8', '10.10/16', '10.10.0.0/0x14', '::ffff:010.0.0.1/128'])('%s is not a range the audit reads', (spelling) => {
    expect(parseCidr(spelling)).toBeUndefined();
  });

  it.each(['10.10.0.0/20', '0.0.0.0/0', '192.168.1.1', '2001:db8::/32', '::ffff:10.0.0.1/128'])('%s is read', (spelling) => {
    expect(parseCidr(spelling)).toBeDefined();
  });

  it('reads a prefix length with leading zeros as Go does: 0.0.0.0/00 is the whole internet', () => {
    expect(parseCidr('0.0.0.0/00')?.[1]).toBe(0);
    expect(isWorldCidr('0.0.0.0/00')).toBe(true);
    expect(isWorld('0.0.0.0/00')).toBe(true);
    expect(isWorld(' ::/000 ')).toBe(true);
  });

  const audit = (prodRange: unknown) => {
    const inv = inventory(
      res('digitalocean_vpc', 'main', { name: 'staging', region: 'fra1', ip_range: '10.10.0.0/20' }, 'platform-staging'),
      res('digitalocean_vpc', 'main', { name: 'prod', region: 'fra1', ip_range: prodRange }, 'platform-prod'),
    );
    const index = buildIndex(inv);
    return vpcRangesSeparated(index.stack('platform-prod')!, index);
  };

  it('case 7 sibling: a VPC range in octal spelling fails separation instead of being compared as another network', () => {
    const r = audit('10.010.0.0/20');
    expect(r).toMatchObject({ status: 'fail', path: 'digitalocean_vpc.main.ip_range' });
    expect(r.reason).toContain('not a canonical IPv4 range');
  });

  it('a VPC range known only at apply time is unknown, not left out', () => {
    expect(audit('${var.prod_range}')).toMatchObject({ status: 'unknown' });
  });

  it('canonical ranges are still compared: overlap fails, separate ranges pass', () => {
    expect(audit('10.10.8.0/21').status).toBe('fail');
    expect(audit('10.20.0.0/20').status).toBe('pass');
  });
});
