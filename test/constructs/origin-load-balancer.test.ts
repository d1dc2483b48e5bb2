import { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { TerraformStack, Testing } from 'cdktf';
import { OriginLoadBalancer, type OriginLoadBalancerProps } from '../../constructs/origin-load-balancer';

function synth(props: Partial<OriginLoadBalancerProps>): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  const vpc = new Vpc(stack, 'vpc', { name: 'acme-dev-fra1', region: 'fra1', ipRange: '10.30.0.0/20' });
  new OriginLoadBalancer(stack, 'origin', { name: 'acme-dev', region: 'fra1', vpc, dropletTag: 'acme-dev-node', ...props });
  return JSON.parse(Testing.synth(stack));
}

describe('OriginLoadBalancer', () => {
  it.each([
    ['the HTTPS port itself', 443],
    ['a port above the NodePort range', 32768],
    ['a fractional port', 30443.5],
  ])('refuses %s as httpsNodePort', (_name, port) => {
    expect(() => synth({ httpsNodePort: port })).toThrow(`OriginLoadBalancer acme-dev: httpsNodePort ${port} is not a Kubernetes NodePort; use a whole number from 30000 to 32767`);
  });

  it('refuses an empty droplet tag', () => {
    expect(() => synth({ dropletTag: ' ' })).toThrow(/dropletTag is empty; give the node pool's tag/);
  });

  it('passes TLS through to the given NodePort and health-checks it', () => {
    const [lb] = Object.values<any>(synth({ httpsNodePort: 31443 }).resource.digitalocean_loadbalancer);
    expect(lb.forwarding_rule).toEqual([{ entry_port: 443, entry_protocol: 'https', target_port: 31443, target_protocol: 'https', tls_passthrough: true }]);
    expect(lb.healthcheck).toMatchObject({ protocol: 'tcp', port: 31443 });
    expect(lb.firewall.allow.every((a: string) => a.startsWith('cidr:'))).toBe(true);
  });
});
