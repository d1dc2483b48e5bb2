import { AuthenticatedOriginPullsSettings } from '@cdktf/provider-cloudflare/lib/authenticated-origin-pulls-settings';
import { ZoneDnssec } from '@cdktf/provider-cloudflare/lib/zone-dnssec';
import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { Construct } from 'constructs';
import { HSTS_MIN_MAX_AGE_SECONDS, MIN_TLS_VERSIONS } from '../data/cloudflare';
import { assertZoneId } from './cloudflare-zone-id';

export type MinTlsVersion = (typeof MIN_TLS_VERSIONS)[number];

export interface HstsProps {
  /**
   * How long browsers remember to use HTTPS only, in seconds; at least six months.
   * @default 31536000 (one year)
   */
  readonly maxAgeSeconds?: number;
  /**
   * Ask to be put on the browsers' HSTS preload list. Hard to undo, so opt-in:
   * every subdomain must serve HTTPS for as long as the list remembers.
   * @default false
   */
  readonly preload?: boolean;
}

export interface ZoneTlsProps {
  /** Cloudflare zone id of the domain. */
  readonly zoneId: string;
  /**
   * Lowest TLS version the edge accepts. 1.0 and 1.1 are deprecated (RFC 8996)
   * and cannot be expressed.
   * @default '1.2'
   */
  readonly minTlsVersion?: MinTlsVersion;
  /** HSTS header sent on every response (always on, always including subdomains). */
  readonly hsts?: HstsProps;
}

/**
 * Cloudflare types `cloudflare_zone_setting.value` as an object, but most
 * settings take a plain string ("strict", "on", "1.2"). This is the one place
 * that widens the type; the value synthesizes as written.
 */
function settingValue(value: string | Record<string, unknown>): { [key: string]: any } {
  return value as { [key: string]: any };
}

/**
 * Transport security of a zone: full (strict) TLS to the origin, no TLS below
 * 1.2 at the edge, TLS 1.3 on, HTTP always redirected to HTTPS, mixed content
 * rewritten, HSTS with subdomains, DNSSEC, and Authenticated Origin Pulls so
 * the origin can tell Cloudflare from anyone else.
 */
export class ZoneTls extends Construct {
  /** The zone settings by `setting_id`. */
  readonly settings: Readonly<Record<string, ZoneSetting>>;
  readonly dnssec: ZoneDnssec;
  readonly originPulls: AuthenticatedOriginPullsSettings;

  constructor(scope: Construct, id: string, props: ZoneTlsProps) {
    super(scope, id);
    assertZoneId(props.zoneId, `ZoneTls ${id}`);
    const minTls = props.minTlsVersion ?? '1.2';
    if (!(MIN_TLS_VERSIONS as readonly string[]).includes(minTls)) {
      throw new Error(`ZoneTls ${id}: minTlsVersion "${minTls}" is not allowed; use ${MIN_TLS_VERSIONS.map((v) => `"${v}"`).join(' or ')} (older TLS versions are deprecated)`);
    }
    const maxAge = props.hsts?.maxAgeSeconds ?? 31_536_000;
    if (!Number.isInteger(maxAge) || maxAge < HSTS_MIN_MAX_AGE_SECONDS) {
      throw new Error(`ZoneTls ${id}: hsts.maxAgeSeconds ${maxAge} is too short; use a whole number of at least ${HSTS_MIN_MAX_AGE_SECONDS} (six months)`);
    }

    const values: Record<string, string | Record<string, unknown>> = {
      // "strict": Cloudflare validates the origin certificate; "full" would accept any.
      ssl: 'strict',
      min_tls_version: minTls,
      tls_1_3: 'on',
      always_use_https: 'on',
      automatic_https_rewrites: 'on',
      security_header: {
        strict_transport_security: {
          enabled: true,
          max_age: maxAge,
          include_subdomains: true,
          preload: props.hsts?.preload ?? false,
          nosniff: true,
        },
      },
    };
    const settings: Record<string, ZoneSetting> = {};
    for (const [settingId, value] of Object.entries(values)) {
      settings[settingId] = new ZoneSetting(this, settingId, { zoneId: props.zoneId, settingId, value: settingValue(value) });
    }
    this.settings = settings;

    this.dnssec = new ZoneDnssec(this, 'dnssec', { zoneId: props.zoneId, status: 'active' });
    this.originPulls = new AuthenticatedOriginPullsSettings(this, 'origin-pulls', { zoneId: props.zoneId, enabled: true });
  }
}
