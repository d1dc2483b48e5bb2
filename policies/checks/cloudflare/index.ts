import type { Control } from '../../types';
import * as zoneSslStrict from './zone-ssl-strict';
import * as zoneMinTlsVersion from './zone-min-tls-version';
import * as zoneTls13Enabled from './zone-tls13-enabled';
import * as zoneAlwaysUseHttps from './zone-always-use-https';
import * as zoneAutomaticHttpsRewrites from './zone-automatic-https-rewrites';
import * as zoneHsts from './zone-hsts';
import * as zoneDnssecActive from './zone-dnssec-active';
import * as zoneWafManagedRulesets from './zone-waf-managed-rulesets';
import * as zoneAuthRateLimit from './zone-auth-rate-limit';
import * as dnsRecordProxied from './dns-record-proxied';
import * as dnsRecordEuRegional from './dns-record-eu-regional';
import * as zoneAuthenticatedOriginPulls from './zone-authenticated-origin-pulls';
import * as zoneLogpushDatasets from './zone-logpush-datasets';
import * as logpushEuDestination from './logpush-eu-destination';

/**
 * Controls over Cloudflare resources. Zone-wide settings are stack controls:
 * every zone the stack manages must carry the setting (not applicable to a
 * stack without Cloudflare zones). Provider v5 names first; v4
 * `cloudflare_zone_settings_override` and `cloudflare_record` are read too.
 */
export const CLOUDFLARE_CONTROLS: readonly Control[] = [
  zoneSslStrict.control,
  zoneMinTlsVersion.control,
  zoneTls13Enabled.control,
  zoneAlwaysUseHttps.control,
  zoneAutomaticHttpsRewrites.control,
  zoneHsts.control,
  zoneDnssecActive.control,
  zoneWafManagedRulesets.control,
  zoneAuthRateLimit.control,
  dnsRecordProxied.control,
  dnsRecordEuRegional.control,
  zoneAuthenticatedOriginPulls.control,
  zoneLogpushDatasets.control,
  logpushEuDestination.control,
];
