import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { RegionalHostname } from '@cdktf/provider-cloudflare/lib/regional-hostname';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import ipaddr from 'ipaddr.js';
import { assertZoneId } from './cloudflare-zone-id';

/** Data Localization Suite region that keeps TLS termination and inspection inside the EU. */
export const EU_REGION_KEY = 'eu';

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface EdgeDnsProps {
  /** Cloudflare zone id of the domain. */
  readonly zoneId: string;
  /** Public hostnames of the application (full names such as `app.example.eu`). */
  readonly hostnames: readonly string[];
  /** IPv4 address of the origin (the origin load balancer); usually a reference resolved at deploy time. */
  readonly originIpv4: string;
  /**
   * Pin every hostname to Cloudflare's EU region (`cloudflare_regional_hostname`,
   * Data Localization Suite), so visitors' TLS is only decrypted and inspected
   * in EU data centres. Turning it off lets Cloudflare decrypt wherever the
   * visitor is; the EU-regional-hostname control reports it.
   * @default true
   */
  readonly euRegionalHostnames?: boolean;
}

/**
 * The application's DNS records, every one proxied through Cloudflare (the
 * origin address never appears in public DNS, and all traffic passes the
 * WAF), each hostname pinned to the EU region.
 */
export class EdgeDns extends Construct {
  readonly records: DnsRecord[];
  readonly regionalHostnames: RegionalHostname[];

  constructor(scope: Construct, id: string, props: EdgeDnsProps) {
    super(scope, id);
    const where = `EdgeDns ${id}`;
    assertZoneId(props.zoneId, where);
    if (props.hostnames.length === 0) throw new Error(`${where}: hostnames is empty; list the public hostnames of the application`);
    props.hostnames.forEach((h, i) => {
      if (!HOSTNAME.test(h)) throw new Error(`${where}: hostnames[${i}] "${h}" is not a lower-case DNS name such as app.example.eu`);
      if (props.hostnames.indexOf(h) !== i) throw new Error(`${where}: hostnames[${i}] "${h}" is listed twice`);
    });
    if (!Token.isUnresolved(props.originIpv4) && !ipaddr.IPv4.isValidFourPartDecimal(props.originIpv4)) {
      throw new Error(`${where}: originIpv4 "${props.originIpv4}" is not an IPv4 address such as 203.0.113.10`);
    }

    // Resource ids follow the hostname, so adding a hostname never renames the others.
    const key = (hostname: string): string => hostname.replace(/\./g, '-');
    this.records = props.hostnames.map(
      (hostname) =>
        new DnsRecord(this, `a-${key(hostname)}`, {
          zoneId: props.zoneId,
          name: hostname,
          type: 'A',
          content: props.originIpv4,
          proxied: true,
          ttl: 1, // "automatic": the only TTL a proxied record takes
          comment: 'origin load balancer; proxied so the origin address stays private',
        }),
    );
    this.regionalHostnames =
      props.euRegionalHostnames === false
        ? []
        : props.hostnames.map((hostname) => new RegionalHostname(this, `eu-${key(hostname)}`, { zoneId: props.zoneId, hostname, regionKey: EU_REGION_KEY }));
  }
}
