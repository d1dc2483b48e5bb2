/**
 * Issue 14 cases 8 and 9 at the construct level: the constructs that write
 * network ranges into firewalls apply the config's rule too, so a range given
 * in code (not through the schema) cannot open a port to the internet in an
 * IPv6 or split spelling either.
 */
import { Testing, TerraformStack } from 'cdktf';
import { EuKubernetesCluster } from '../../constructs/eu-kubernetes-cluster';
import { NetworkBoundary } from '../../constructs/network-boundary';

const WORLD_SPELLINGS = ['0.0.0.0/0', '::/0', '::ffff:0:0/96', '::ffff:0.0.0.0/96', '64:ff9b::/96', '2002::/16', '::/96', '0.0.0.0/1', '128.0.0.0/1'];

function boundary(): NetworkBoundary {
  const stack = new TerraformStack(Testing.app(), 'test');
  return new NetworkBoundary(stack, 'net', { name: 'acme-prod', region: 'fra1', ipRange: '10.10.0.0/20' });
}

describe('firewall sources: the whole internet is refused in every spelling', () => {
  it.each(WORLD_SPELLINGS)('case 8 sibling: a firewall rule from %s is refused', (cidr) => {
    expect(() =>
      boundary().addFirewall('fw', 'acme-prod-bastion', { targetTags: ['bastion'], inbound: [{ protocol: 'tcp', ports: '22', from: { cidrs: [cidr] } }] }),
    ).toThrow(/firewall acme-prod-bastion inbound\[0\]: .* must not be the whole internet/);
  });

  it('case 7 sibling: a non-canonical firewall source (octal) is refused', () => {
    expect(() =>
      boundary().addFirewall('fw', 'acme-prod-bastion', { targetTags: ['bastion'], inbound: [{ protocol: 'tcp', ports: '22', from: { cidrs: ['010.0.0.0/8'] } }] }),
    ).toThrow(/not canonical dotted-decimal IPv4/);
  });

  it('named networks are still accepted', () => {
    expect(() =>
      boundary().addFirewall('fw', 'acme-prod-bastion', { targetTags: ['bastion'], inbound: [{ protocol: 'tcp', ports: '22', from: { cidrs: ['198.51.100.0/28', '2001:db8::/48'] } }] }),
    ).not.toThrow();
  });

  it.each(WORLD_SPELLINGS)('case 8 sibling: the Kubernetes API firewall refuses admin CIDR %s', (cidr) => {
    const net = boundary();
    expect(
      () =>
        new EuKubernetesCluster(net, 'k8s', {
          name: 'acme-prod',
          region: 'fra1',
          vpc: net.vpc,
          version: '1.33',
          nodeSize: 's-2vcpu-4gb',
          minNodes: 2,
          maxNodes: 3,
          adminCidrs: [cidr],
        } as any),
    ).toThrow(/adminCidrs\[0\] .* must not be the whole internet/);
  });
});
