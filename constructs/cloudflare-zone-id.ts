import { Token } from 'cdktf';

const ZONE_ID = /^[0-9a-f]{32}$/;

/**
 * Throws unless `zoneId` is a Cloudflare zone id (32 lower-case hex
 * characters) or a reference resolved at deploy time (`cloudflare_zone.x.id`).
 * Every edge construct writes the zone id literally into each resource, which
 * is what lets the audit group a zone's settings, rulesets and jobs together.
 */
export function assertZoneId(zoneId: string, where: string): void {
  if (Token.isUnresolved(zoneId) || ZONE_ID.test(zoneId)) return;
  throw new Error(`${where}: zoneId "${zoneId}" is not a Cloudflare zone id; expected 32 lower-case hex characters as shown on the zone's overview page`);
}
