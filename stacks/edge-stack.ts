import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Environment, KitConfig } from '../config/schema';
import { EdgeDns } from '../constructs/edge-dns';
import { EdgeLogpush } from '../constructs/edge-logpush';
import { resourceName } from '../constructs/naming';
import { WafZone } from '../constructs/waf-zone';
import { ZoneTls } from '../constructs/zone-tls';
import { configureStateBackend } from './state-backend';

export interface EdgeStackProps {
  readonly project: string;
  readonly state: KitConfig['state'];
  /** The environment; it must have an `edge` section. */
  readonly env: Environment;
  /**
   * IPv4 of the origin load balancer in `platform-<env>`. Passing the
   * platform stack's attribute makes cdktf wire a cross-stack reference
   * (an output there, a remote-state lookup here), and `cdktf deploy`
   * deploys the platform stack first.
   */
  readonly originIpv4: string;
  /** Process environment (for TOM_STATE_BACKEND); injected so tests stay deterministic. */
  readonly processEnv?: NodeJS.ProcessEnv;
}

/**
 * One environment's Cloudflare edge: zone TLS hardening, WAF, proxied EU-pinned
 * DNS and Logpush to the EU logs bucket. Everything Cloudflare lives here; the
 * origin load balancer it points at lives in the platform stack with the rest
 * of DigitalOcean. Composition only: every security default lives in the
 * constructs.
 */
export class EdgeStack extends TerraformStack {
  readonly tls: ZoneTls;
  readonly waf: WafZone;
  readonly dns: EdgeDns;
  readonly logpush: EdgeLogpush;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id);
    const { env, project } = props;
    const edge = env.edge;
    if (!edge) throw new Error(`${id}: environment "${env.name}" has no edge section, so there is no Cloudflare zone to configure`);
    const name = resourceName(project, env.name);
    configureStateBackend(this, id, props.state, props.processEnv ?? process.env);

    // Token from CLOUDFLARE_API_TOKEN.
    new CloudflareProvider(this, 'cloudflare', {});

    this.tls = new ZoneTls(this, 'zone-tls', { zoneId: edge.zoneId, minTlsVersion: edge.minTlsVersion, hsts: edge.hsts });
    this.waf = new WafZone(this, 'waf', {
      zoneId: edge.zoneId,
      name,
      blockedCountries: edge.blockedCountries,
      blockedPaths: edge.blockedPaths,
      rateLimit: edge.rateLimit,
    });
    this.dns = new EdgeDns(this, 'dns', {
      zoneId: edge.zoneId,
      hostnames: edge.hostnames,
      originIpv4: props.originIpv4,
      euRegionalHostnames: edge.euRegionalHostnames,
    });
    this.logpush = new EdgeLogpush(this, 'logpush', {
      zoneId: edge.zoneId,
      name,
      bucket: resourceName(project, env.name, edge.logBucket),
      region: env.region,
    });
  }
}
