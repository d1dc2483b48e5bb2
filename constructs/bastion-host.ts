import { Droplet } from '@cdktf/provider-digitalocean/lib/droplet';
import { SshKey } from '@cdktf/provider-digitalocean/lib/ssh-key';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { EuRegion } from '../config/schema';
import type { AlertRoute } from './alert-route';
import { renderHostIdsCloudConfig, type HostIdsAdmin } from './host-ids-cloud-config';
import { tag } from './naming';
import type { NetworkBoundary } from './network-boundary';

export interface BastionHostProps {
  readonly name: string;
  readonly region: EuRegion;
  /** The environment's network; the bastion sits in its VPC and behind its firewall. */
  readonly network: NetworkBoundary;
  /** Named administrators: personal accounts, SSH keys only. */
  readonly admins: readonly HostIdsAdmin[];
  /** The only networks that may open SSH (port 22). */
  readonly adminCidrs: readonly string[];
  readonly route: AlertRoute;
  /** @default s-1vcpu-1gb */
  readonly size?: string;
  /** Debian or Ubuntu image slug (the bootstrap uses apt). @default debian-12-x64 */
  readonly image?: string;
  readonly tags?: readonly string[];
}

/**
 * The environment's administration host: in the VPC, SSH only from admin
 * networks with personal keys, the monitoring agent on, and the host-IDS
 * bootstrap (AIDE, rkhunter, fail2ban, auditd, unattended-upgrades) in its
 * readable cloud-init user data.
 */
export class BastionHost extends Construct {
  readonly droplet: Droplet;
  /** Tag the droplet carries (capacity alerts target it). */
  readonly hostTag: string;

  constructor(scope: Construct, id: string, props: BastionHostProps) {
    super(scope, id);
    if (props.adminCidrs.length === 0) throw new Error(`${props.name}: adminCidrs must name the networks allowed to SSH; SSH is never open to the world`);
    this.hostTag = tag(`${props.name}-bastion`);
    const keys = props.admins.map((a) => new SshKey(this, `key-${a.name}`, { name: `${props.name}-${a.name}`, publicKey: a.sshPublicKey }));
    const hostname = `${props.name}-bastion`;
    this.droplet = new Droplet(this, 'droplet', {
      name: hostname,
      region: props.region,
      size: props.size ?? 's-1vcpu-1gb',
      image: props.image ?? 'debian-12-x64',
      vpcUuid: props.network.vpc.id,
      sshKeys: keys.map((k) => k.fingerprint),
      monitoring: true,
      dropletAgent: true,
      gracefulShutdown: true,
      userData: renderHostIdsCloudConfig({ hostname, alertWebhookUrl: props.route.webhookUrl, admins: props.admins }),
      tags: [this.hostTag, ...(props.tags ?? [])],
    });
    props.network.addFirewall('bastion-firewall', `${props.name}-bastion`, {
      dropletIds: [Token.asNumber(this.droplet.id)],
      inbound: [{ protocol: 'tcp', ports: '22', from: { cidrs: props.adminCidrs } }],
    });
  }
}
